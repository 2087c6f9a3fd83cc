/**
 * What travels on a board's stream between instances (issue 11, docs/adr/0006-live-boards-across-instances.md),
 * and how it is written and read. A bus message is input like any other: read through this schema, and a
 * message that does not fit is logged and dropped, never applied.
 */
import { z } from 'zod';
import { isWellFormedId } from '../../shared/ids.js';
import { MAX_ORGANISATION_CHARS, MAX_PERSON_NAME_CHARS } from '../../shared/limits.js';

/** A board's documents, named relative to the board: `brief`, `wall`, `drafts/<personId>`. */
const documentPart = z.string().refine((part) => part === 'brief' || part === 'wall' || (part.startsWith('drafts/') && isWellFormedId(part.slice(7))), 'not a document of a board');

/** Largest update carried on the bus (base64 characters); bigger ones are announced as a gap instead. */
export const MAX_BUS_UPDATE_BASE64_CHARS = 4 * 1024 * 1024;

/** Most presence states in one bus message (a sender splits a bigger batch). */
export const MAX_PRESENCE_STATES_PER_MESSAGE = 1_000;
/** Longest `typing` target id carried (ids of problems and stages are shorter). */
export const MAX_PRESENCE_TYPING_CHARS = 64;

/**
 * One person's presence as the instance where they are connected shows it: the identity that instance
 * stamped from their session (never what their client claimed), and `typing` as that instance checked it.
 */
export const presenceState = z.object({
  /** The awareness client id (y-protocols: a random 32-bit unsigned integer). */
  clientId: z.number().int().min(0).max(0xffff_ffff),
  personId: z.string().refine(isWellFormedId, 'not a person id'),
  name: z.string().max(MAX_PERSON_NAME_CHARS),
  organisation: z.string().max(MAX_ORGANISATION_CHARS),
  role: z.enum(['officer', 'participant', 'observer']),
  typing: z.string().min(1).max(MAX_PRESENCE_TYPING_CHARS).nullable(),
  /** False: they left (or the sender is leaving the board). */
  present: z.boolean(),
});
export type PresenceState = z.infer<typeof presenceState>;

export const busPayload = z.discriminatedUnion('kind', [
  /** A change that is stored: apply it and relay it to this instance's connections (never store it again). */
  z.object({ kind: z.literal('update'), document: documentPart, update: z.string().max(MAX_BUS_UPDATE_BASE64_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
  /** Officers hid or restored items of these authors: read the board's hidden set again from the store. */
  z.object({ kind: z.literal('moderation'), authors: z.array(z.string().refine(isWellFormedId)).max(10_000) }),
  /** The sender could not publish something: read the board's documents from the store again. */
  z.object({ kind: z.literal('gap') }),
  /** An author connected elsewhere: the board's publisher sends them its latest report on their notes. */
  z.object({ kind: z.literal('note-status-wanted'), personId: z.string().refine(isWellFormedId) }),
  /**
   * Presence of people connected to the sender (server/rooms/RemotePresence.ts): their changes of one
   * presence tick, or all of them again (the heartbeat that keeps them from expiring elsewhere).
   * `resendAll`: the sender just loaded the board and knows nobody yet; every instance re-sends its own.
   */
  z.object({ kind: z.literal('presence'), states: z.array(presenceState).max(MAX_PRESENCE_STATES_PER_MESSAGE), resendAll: z.boolean() }),
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
