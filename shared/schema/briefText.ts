/**
 * Initial text for new brief records. Officers type into Y.Text fields bound to editors; these
 * helpers only seed them, refusing text over `MAX_BRIEF_TEXT_CHARS` (the UI checks first).
 */
import * as Y from 'yjs';
import { MAX_BRIEF_TEXT_CHARS } from '../limits.js';

/** A new Y.Text holding `text` ('' when undefined). Throws RangeError when it is over the limit. */
export function briefText(text: string | undefined, field: string): Y.Text {
  const value = text ?? '';
  if (value.length > MAX_BRIEF_TEXT_CHARS) {
    throw new RangeError(`${field} must be ${MAX_BRIEF_TEXT_CHARS} characters or fewer`);
  }
  return new Y.Text(value);
}
