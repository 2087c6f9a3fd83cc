/**
 * The y-websocket wire protocol, as the stock provider speaks it: one message per websocket frame,
 * `varuint messageType` then a body. Decoding is ours and bounded (sizes are checked from the declared
 * length before anything is read or copied); encoding uses y-protocols.
 *
 *   0 sync            varuint subtype: 0 step 1 (varUint8Array state vector)
 *                                      1 step 2 (varUint8Array update) | 2 update (varUint8Array update)
 *   1 awareness       varUint8Array awareness update
 *   2 auth            varuint 0 (permission denied), varString reason
 *   3 query-awareness (no body)
 *
 * Also exports `ByteReader`, the bounded reader `updateChecks.ts` uses for update contents.
 */
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import {
  MAX_AWARENESS_MESSAGE_BYTES,
  MAX_STATE_VECTOR_BYTES,
  MAX_UPDATE_BYTES,
  MAX_WS_FRAME_BYTES,
} from '../../shared/limits.js';

/** Top-level message types of y-websocket. */
export const MESSAGE_TYPES = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** Sync subtypes (y-protocols/sync). */
export const SYNC_MESSAGE_TYPES = { step1: 0, step2: 1, update: 2 } as const;

/** Why bytes were refused, a closed set shared by message and update decoding. */
export const UPDATE_REFUSALS = {
  empty: 'empty',
  tooLarge: 'too-large',
  truncated: 'truncated',
  trailingBytes: 'trailing-bytes',
  badInteger: 'bad-integer',
  impossibleCount: 'impossible-count',
  tooManyStructs: 'too-many-structs',
  tooManyClients: 'too-many-clients',
  tooManyDeletes: 'too-many-deletes',
  badStruct: 'bad-struct',
  badString: 'bad-string',
  badJson: 'bad-json',
  tooDeeplyNested: 'too-deeply-nested',
  clockOverflow: 'clock-overflow',
} as const;
export type UpdateRefusal = (typeof UPDATE_REFUSALS)[keyof typeof UPDATE_REFUSALS];

/** Thrown inside the readers only; every exported function turns it into a result. */
export class Refused extends Error {
  override name = 'Refused';
  constructor(
    readonly reason: UpdateRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads lib0 encodings with every bound checked; throws `Refused`, never reads past the end. */
export class ByteReader {
  private position = 0;
  constructor(private readonly source: Uint8Array) {}

  get remaining(): number {
    return this.source.length - this.position;
  }

  uint8(): number {
    const byte = this.source[this.position];
    if (byte === undefined) throw new Refused('truncated', `ends at byte ${this.position}`);
    this.position += 1;
    return byte;
  }

  /** lib0 varuint: at most 8 bytes and a safe integer (lib0 itself checks less). */
  varUint(): number {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.uint8();
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) break;
        return value;
      }
      multiplier *= 128;
    }
    throw new Refused('bad-integer', `integer too large at byte ${this.position}`);
  }

  /** lib0 varint: 6 bits and a sign in the first byte, then 7 bits a byte; at most 8 bytes. */
  varInt(): number {
    let byte = this.uint8();
    let value = byte & 0x3f;
    let multiplier = 64;
    const sign = (byte & 0x40) !== 0 ? -1 : 1;
    for (let i = 1; (byte & 0x80) !== 0; i++) {
      if (i >= 8) throw new Refused('bad-integer', `integer too large at byte ${this.position}`);
      byte = this.uint8();
      value += (byte & 0x7f) * multiplier;
      multiplier *= 128;
    }
    if (value > Number.MAX_SAFE_INTEGER) throw new Refused('bad-integer', `integer too large at byte ${this.position}`);
    return sign * value;
  }

  /** A view of the next `length` bytes (not a copy), after checking they are there. */
  bytes(length: number): Uint8Array {
    if (length > this.remaining) throw new Refused('truncated', `claims ${length} bytes, ${this.remaining} remain`);
    const view = this.source.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }

  /** lib0 varString: length-prefixed UTF-8, which must be valid. */
  string(): string {
    return this.utf8(this.varUint());
  }

  /** The next `length` bytes as UTF-8 text, which must be valid. */
  utf8(length: number): string {
    const view = this.bytes(length);
    try {
      return utf8.decode(view);
    } catch {
      throw new Refused('bad-string', `invalid UTF-8 before byte ${this.position}`);
    }
  }

  /**
   * Skips a varString after checking it is valid UTF-8 (yjs would throw half-way through applying
   * otherwise) and returns its length in UTF-16 code units. ASCII, the usual case, is not decoded.
   */
  skipString(): number {
    const view = this.bytes(this.varUint());
    for (let i = 0; i < view.length; i++) {
      if ((view[i] as number) >= 0x80) {
        try {
          return utf8.decode(view).length;
        } catch {
          throw new Refused('bad-string', `invalid UTF-8 before byte ${this.position}`);
        }
      }
    }
    return view.length;
  }

  /** A count of things each at least `minBytesEach` long: refused when the bytes left cannot hold them. */
  count(minBytesEach: number, what: string): number {
    const claimed = this.varUint();
    if (claimed * minBytesEach > this.remaining) {
      throw new Refused('impossible-count', `claims ${claimed} ${what} in ${this.remaining} bytes`);
    }
    return claimed;
  }

  expectEnd(): void {
    if (this.remaining > 0) throw new Refused('trailing-bytes', `${this.remaining} bytes after the end`);
  }
}

/** A decoded client message. Payload bytes are copies the caller owns. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth'; permission: 'denied'; reason: string };

/** Why a frame was refused: 'malformed' → close 4400, 'unknown-type' → 4400, 'too-large' → 4413 (1009 for frames). */
export type ClientMessageError = { error: 'malformed' | 'unknown-type' | 'too-large'; detail: string };

/** Longest reason accepted in an auth message, in bytes. */
const MAX_AUTH_REASON_BYTES = 1024;

/**
 * Decodes one frame from a client. The payload of sync and awareness messages is framed, sized and
 * copied, not interpreted: check updates with `checkUpdateDecodesExactly` next. A state vector is
 * checked to decode exactly here.
 */
export function parseClientMessage(frame: Uint8Array): ClientMessage | ClientMessageError {
  if (frame.length > MAX_WS_FRAME_BYTES) return { error: 'too-large', detail: `frame of ${frame.length} bytes` };
  try {
    const reader = new ByteReader(frame);
    const message = readMessage(reader);
    reader.expectEnd();
    return message;
  } catch (error) {
    if (error instanceof TooLarge) return { error: 'too-large', detail: error.message };
    if (error instanceof UnknownType) return { error: 'unknown-type', detail: error.message };
    if (error instanceof Refused) return { error: 'malformed', detail: `${error.reason}: ${error.message}` };
    throw error;
  }
}

class TooLarge extends Error {}
class UnknownType extends Error {}

/** Reads a length-prefixed payload, refusing a declared length over `max` before touching the bytes. */
function readPayload(reader: ByteReader, max: number, what: string): Uint8Array {
  const length = reader.varUint();
  if (length > max) throw new TooLarge(`${what} claims ${length} bytes (most ${max})`);
  return reader.bytes(length).slice();
}

function readMessage(reader: ByteReader): ClientMessage {
  const type = reader.varUint();
  switch (type) {
    case MESSAGE_TYPES.sync:
      return readSyncMessage(reader);
    case MESSAGE_TYPES.awareness:
      return { type: 'awareness', update: readPayload(reader, MAX_AWARENESS_MESSAGE_BYTES, 'awareness update') };
    case MESSAGE_TYPES.auth: {
      const authType = reader.varUint();
      if (authType !== authProtocol.messagePermissionDenied) throw new UnknownType(`auth message type ${authType}`);
      const reasonLength = reader.varUint();
      if (reasonLength > MAX_AUTH_REASON_BYTES) throw new TooLarge(`auth reason of ${reasonLength} bytes`);
      return { type: 'auth', permission: 'denied', reason: reader.utf8(reasonLength) };
    }
    case MESSAGE_TYPES.queryAwareness:
      return { type: 'query-awareness' };
    default:
      throw new UnknownType(`message type ${type}`);
  }
}

function readSyncMessage(reader: ByteReader): ClientMessage {
  const subtype = reader.varUint();
  switch (subtype) {
    case SYNC_MESSAGE_TYPES.step1: {
      const stateVector = readPayload(reader, MAX_STATE_VECTOR_BYTES, 'state vector');
      const check = checkStateVectorDecodesExactly(stateVector);
      if (!check.ok) throw new Refused(check.reason, `state vector: ${check.detail}`);
      return { type: 'sync-step-1', stateVector };
    }
    case SYNC_MESSAGE_TYPES.step2:
      return { type: 'sync-step-2', update: readPayload(reader, MAX_UPDATE_BYTES, 'update') };
    case SYNC_MESSAGE_TYPES.update:
      return { type: 'update', update: readPayload(reader, MAX_UPDATE_BYTES, 'update') };
    default:
      throw new UnknownType(`sync message type ${subtype}`);
  }
}

/** Result of a check on bytes: ok, or the refusal and a detail for the log. */
export type BytesCheck = { ok: true } | { ok: false; reason: UpdateRefusal; detail: string };

/** `{ ok: true }` when `stateVector` is an encoded state vector (count, then client/clock pairs) and nothing more. */
export function checkStateVectorDecodesExactly(stateVector: Uint8Array): BytesCheck {
  try {
    const reader = new ByteReader(stateVector);
    const entries = reader.count(2, 'state vector entries');
    for (let i = 0; i < entries; i++) {
      reader.varUint();
      reader.varUint();
    }
    reader.expectEnd();
    return { ok: true };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, detail: error.message };
    throw error;
  }
}

// ---- Encoders (server → client) ----------------------------------------------------------------

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: everything in `doc` that a client with `stateVector` lacks (validate the vector first). */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** An update message: encode once per broadcast and send the same bytes to every connection. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message wrapping an encoded awareness update (y-protocols `encodeAwarenessUpdate`). */
export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

/** An auth "permission denied" message; the stock provider logs the reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_TYPES.auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}
