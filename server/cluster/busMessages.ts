/**
 * What travels on a board's stream between instances (issue 11, docs/adr/0006-live-boards-across-instances.md),
 * and how it is written and read. A bus message is input like any other: read through this schema, and a
 * message that does not fit is logged and dropped, never applied.
 */
import { z } from 'zod';
import { isWellFormedId } from '../../shared/ids.js';

/** A board's documents, named relative to the board: `brief`, `wall`, `drafts/<personId>`. */
const documentPart = z.string().refine((part) => part === 'brief' || part === 'wall' || (part.startsWith('drafts/') && isWellFormedId(part.slice(7))), 'not a document of a board');

/** Largest update carried on the bus (base64 characters); bigger ones are announced as a gap instead. */
export const MAX_BUS_UPDATE_BASE64_CHARS = 4 * 1024 * 1024;

export const busPayload = z.discriminatedUnion('kind', [
  /** A change that is stored: apply it and relay it to this instance's connections (never store it again). */
  z.object({ kind: z.literal('update'), document: documentPart, update: z.string().max(MAX_BUS_UPDATE_BASE64_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
  /** Officers hid or restored items of these authors: read the board's hidden set again from the store. */
  z.object({ kind: z.literal('moderation'), authors: z.array(z.string().refine(isWellFormedId)).max(10_000) }),
  /** The sender could not publish something: read the board's documents from the store again. */
  z.object({ kind: z.literal('gap') }),
]);
export type BusPayload = z.infer<typeof busPayload>;

/** The envelope: who sent it, and its number among that sender's messages for this board (to see a gap). */
export const busEnvelope = z.object({
  origin: z.string().min(1).max(64),
  number: z.number().int().positive(),
  payload: busPayload,
});
export type BusEnvelope = z.infer<typeof busEnvelope>;

/** The one field of a stream entry that holds the envelope as JSON. */
export const ENTRY_FIELD = 'm';

/** Redis key of a board's stream. `{boardId}` is a hash tag: a board's keys live on one Redis Cluster slot. */
export const boardStreamKey = (boardId: string): string => `oiw:board:{${boardId}}:updates`;

export function encodeUpdate(update: Uint8Array): string {
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('base64');
}

export function decodeUpdate(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Reads one stream entry's field; null (and the reason) when it is not a valid envelope. */
export function readEnvelope(raw: unknown): { ok: true; envelope: BusEnvelope } | { ok: false; reason: string } {
  if (typeof raw !== 'string' || raw.length > MAX_BUS_UPDATE_BASE64_CHARS + 4096) return { ok: false, reason: 'not a string of a sane length' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = busEnvelope.safeParse(json);
  return parsed.success ? { ok: true, envelope: parsed.data } : { ok: false, reason: parsed.error.issues[0]?.message ?? 'does not fit the schema' };
}
