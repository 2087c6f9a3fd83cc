/**
 * Awareness updates written byte by byte, as a hostile client could send them: any client ids (someone
 * else's too), any clocks and any state text, which the stock Awareness would never produce.
 */
import * as encoding from 'lib0/encoding';

export function handWrittenAwareness(entries: Array<{ clientId: number; clock: number; state: string }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}
