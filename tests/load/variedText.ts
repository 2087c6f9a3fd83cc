/**
 * Note texts that differ as people's notes do, for benches where compression matters (the phone bench):
 * the same sentence repeated 2,000 times compresses to an eighth and flatters any compressed route, while
 * varied notes compress to about a third. Deterministic (a seeded generator), so runs compare.
 */
import { mulberry32 } from '../fuzz/frameMutations.js';

const WORDS = (
  'residents tenants repairs booking visit van parts stock survey damp boiler reminder text email portal app ' +
  'phone library catalogue branch collection reserve copy loan fine renewal housing waiting list bins ' +
  'recycling route crew sensor fill level missed complaint photo map location report officer supplier ' +
  'contract pilot trial month weekly daily data dashboard privacy consent accessible language translation ' +
  'carer appointment transport school meals budget saving cost staff training volunteer community centre ' +
  'evening weekend queue online offline paper form signature identity check payment refund account'
).split(' ');


/** A note of exactly `chars` characters of words chosen for this writer and note. */
export function variedNoteText(writer: number, seq: number, chars: number): string {
  const next = mulberry32(writer * 10_007 + seq);
  let text = '';
  while (text.length < chars) text += (text.length === 0 ? '' : ' ') + WORDS[Math.floor(next() * WORDS.length)];
  return text.slice(0, chars);
}

/** `variedNoteText` behind the marker the load clients read (writer, sequence): for scenarios that count notes by writer. */
export function markedVariedNoteText(writer: number, seq: number, chars: number): string {
  const marker = `#${writer}/${seq}@0|`;
  return (marker + variedNoteText(writer, seq, chars)).slice(0, Math.max(chars, marker.length));
}
