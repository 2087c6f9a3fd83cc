/**
 * Seeded mutation of y-websocket frames for the frame fuzz test (tests/fuzz/frames.test.ts): a tiny
 * PRNG (mulberry32) and mutators that keep most of a valid frame and break a little of it, the way a
 * buggy or hostile client would (flipped bits, cut or grown frames, spliced and duplicated bytes, lengths
 * and counts replaced by huge varuints), plus frames of random bytes. Same seed, same frames.
 */
import * as encoding from 'lib0/encoding';

/** mulberry32: a 32-bit seeded PRNG, floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Random {
  next(): number;
  /** An integer in [0, max). */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Uint8Array;
}

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[random.int(items.length)]!,
    bytes: (length) => Uint8Array.from({ length }, () => random.int(256)),
  };
  return random;
}

function varUint(value: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Where the varuints of a frame start (a byte whose predecessor has no continuation bit), a cheap guess. */
function varUintStarts(frame: Uint8Array): number[] {
  const starts: number[] = [];
  for (let index = 0; index < frame.length; index += 1) if (index === 0 || (frame[index - 1]! & 0x80) === 0) starts.push(index);
  return starts;
}

/** The length in bytes of the varuint starting at `start` (at most 10, or to the end). */
function varUintLength(frame: Uint8Array, start: number): number {
  let length = 1;
  while (start + length - 1 < frame.length && (frame[start + length - 1]! & 0x80) !== 0 && length < 10) length += 1;
  return Math.min(length, frame.length - start);
}

/** Huge and boundary values a length or count may claim. */
const HUGE_VALUES = [0, 1, 127, 128, 2 ** 16, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 1_048_577, 524_289];

export const MUTATIONS = [
  'flip-bits',
  'truncate',
  'extend',
  'splice',
  'delete-range',
  'duplicate-range',
  'duplicate-varuint',
  'huge-varuint',
  'set-byte',
  'concatenate',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** One mutation of `frame` (which is not changed); `other` is a second valid frame, for concatenation. */
export function mutate(random: Random, frame: Uint8Array, other: Uint8Array, mutation: Mutation): Uint8Array {
  const at = (extra = 0) => random.int(frame.length + extra);
  switch (mutation) {
    case 'flip-bits': {
      const out = frame.slice();
      const flips = 1 + random.int(8);
      for (let index = 0; index < flips && out.length > 0; index += 1) out[random.int(out.length)]! ^= 1 << random.int(8);
      return out;
    }
    case 'truncate':
      return frame.slice(0, at());
    case 'extend':
      return concat(frame, random.bytes(1 + random.int(random.next() < 0.9 ? 16 : 4_096)));
    case 'splice': {
      const position = at(1);
      return concat(frame.slice(0, position), random.bytes(1 + random.int(32)), frame.slice(position));
    }
    case 'delete-range': {
      const start = at();
      return concat(frame.slice(0, start), frame.slice(start + 1 + random.int(16)));
    }
    case 'duplicate-range': {
      const start = at();
      const end = Math.min(frame.length, start + 1 + random.int(64));
      return concat(frame.slice(0, end), frame.slice(start, end), frame.slice(end));
    }
    case 'duplicate-varuint': {
      const start = random.pick(varUintStarts(frame).length > 0 ? varUintStarts(frame) : [0]);
      const length = varUintLength(frame, start);
      const copies = 1 + random.int(3);
      return concat(frame.slice(0, start + length), ...Array.from({ length: copies }, () => frame.slice(start, start + length)), frame.slice(start + length));
    }
    case 'huge-varuint': {
      const start = random.pick(varUintStarts(frame).length > 0 ? varUintStarts(frame) : [0]);
      const length = varUintLength(frame, start);
      return concat(frame.slice(0, start), varUint(random.pick(HUGE_VALUES)), frame.slice(start + length));
    }
    case 'set-byte': {
      const out = frame.slice();
      if (out.length > 0) out[random.int(out.length)] = random.pick([0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0xff]);
      return out;
    }
    case 'concatenate':
      return concat(frame, other);
  }
}

/** A frame of random bytes, usually short, sometimes starting like a sync or awareness message. */
export function randomFrame(random: Random): Uint8Array {
  const length = random.next() < 0.8 ? random.int(64) : random.int(16_384);
  const body = random.bytes(length);
  const prefix = random.pick([new Uint8Array(), Uint8Array.of(0, 0), Uint8Array.of(0, 1), Uint8Array.of(0, 2), Uint8Array.of(1), Uint8Array.of(3)]);
  return concat(prefix, body);
}

/** A sync message (type 0) of `subtype` (0 step 1, 1 step 2, 2 update) carrying `payload`. */
export function syncFrame(subtype: number, payload: Uint8Array): Uint8Array {
  return concat(varUint(0), varUint(subtype), varUint(payload.length), payload);
}

/** A frame's message type, sync subtype (for type 0) and length-prefixed payload, or null when it has none. */
export function splitFrame(frame: Uint8Array): { header: Uint8Array; payload: Uint8Array } | null {
  const headerLength = frame[0] === 0 ? 2 : frame[0] === 1 ? 1 : -1;
  if (headerLength < 0 || frame.length <= headerLength) return null;
  let length = 0;
  let multiplier = 1;
  let offset = headerLength;
  for (;;) {
    const byte = frame[offset];
    if (byte === undefined || offset - headerLength > 4) return null;
    length += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    offset += 1;
    if (byte < 0x80) break;
  }
  if (offset + length !== frame.length) return null;
  return { header: frame.slice(0, headerLength), payload: frame.slice(offset) };
}

/** The frame with its payload replaced and the length prefix made right again: the mutation reaches the update decoder. */
export function rewrap(header: Uint8Array, payload: Uint8Array): Uint8Array {
  return concat(header, varUint(payload.length), payload);
}
