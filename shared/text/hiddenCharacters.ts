/**
 * The one rule for characters that hide, reorder or split text, used by every text people write: names and
 * organisations (one line), board summaries and notices (several lines) and sticky notes (the publisher and
 * the note form). Refused everywhere:
 *  - format characters `\p{Cf}`: zero-width space/joiners (U+200B–U+200D), word joiner (U+2060), the
 *    byte-order mark (U+FEFF), LRM/RLM (U+200E/U+200F), the Arabic letter mark (U+061C) and every bidi
 *    embedding, override and isolate (U+202A–U+202E, U+2066–U+2069);
 *  - line and paragraph separators U+2028/U+2029 (`\p{Zl}`, `\p{Zp}`): they break lines where a reader,
 *    a log or an export does not expect it;
 *  - control characters `\p{Cc}` (tab, carriage return, NUL…), except the newline in multi-line text;
 *  - private-use and lone surrogate code units (`\p{Co}`, `\p{Cs}`): they render as nothing or as boxes.
 * Pure, and shared by client and server so the form says exactly what the server would refuse.
 */

/** One line of text (names, organisations, titles): no control character at all. */
const HIDDEN_IN_ONE_LINE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/u;
/** Several lines (notes, summaries): the same, but a newline (U+000A) is allowed. */
const HIDDEN_IN_MULTI_LINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/u;

/** Whether newlines are allowed: `'one-line'` for names and titles, `'multi-line'` for notes and summaries. */
export type TextShape = 'one-line' | 'multi-line';

/** The first hidden character found: its code point as `U+XXXX` and a name people understand. */
export interface HiddenCharacter {
  codePoint: string;
  name: string;
  /** Index in UTF-16 code units, for putting the cursor on it. */
  index: number;
}

/** Names for the characters people are most likely to paste without knowing. */
const KNOWN_NAMES: Readonly<Record<number, string>> = {
  0x0009: 'tab',
  0x000a: 'line break',
  0x000d: 'carriage return',
  0x00ad: 'soft hyphen',
  0x061c: 'Arabic letter mark',
  0x180e: 'Mongolian vowel separator',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space (byte-order mark)',
};

/** The first character `text` may not contain, or null when it is clean. */
export function findHiddenCharacter(text: string, shape: TextShape): HiddenCharacter | null {
  const match = (shape === 'one-line' ? HIDDEN_IN_ONE_LINE : HIDDEN_IN_MULTI_LINE).exec(text);
  if (!match) return null;
  const value = match[0].codePointAt(0) ?? 0;
  const codePoint = `U+${value.toString(16).toUpperCase().padStart(4, '0')}`;
  return { codePoint, name: KNOWN_NAMES[value] ?? 'invisible or control character', index: match.index };
}

/** True when `text` holds no character the rule refuses. */
export function hasNoHiddenCharacters(text: string, shape: TextShape): boolean {
  return findHiddenCharacter(text, shape) === null;
}

/**
 * A sentence for the person who wrote the text, e.g. "Your note contains a hidden character (zero-width
 * space, U+200B). Delete it and type the text again." `what` names the text: "Your note", "Your full name".
 */
export function describeHiddenCharacter(what: string, found: HiddenCharacter): string {
  return `${what} contains a hidden character (${found.name}, ${found.codePoint}). Remove it, or type the text again instead of pasting it.`;
}
