import type { PerMessageDeflateOptions } from 'ws';

/**
 * permessage-deflate (RFC 7692) on the Yjs websocket, for phones on slow links (issue 15): a cold join's
 * sync step 2 of a 2,000-note wall is ~440 kB of Yjs binary whose note records repeat the same keys, and
 * over 1.6 Mbps that alone is ~2.2 s. Compressed, it is a fraction of that.
 *
 * The cost is bounded:
 * - `threshold`: messages under 1 KiB (a note broadcast, an awareness update, a sync step 1) go as they
 *   are. Compressing them saves little and costs CPU on every frame of every client.
 * - no context takeover either way: nothing is remembered between messages, so the zlib state holds no
 *   per-connection dictionary that matters, and a message is compressed on its own (simple to reason about).
 * - a small server window (2^12 = 4 KiB) and memLevel 5: ws keeps a connection's deflate state once it
 *   has compressed one message, and zlib's is (1 << (windowBits + 2)) + (1 << (memLevel + 9)) bytes:
 *   32 KiB here instead of 256 KiB at zlib's defaults. Measured on a 2,000-note wall (BENCHMARKS.md,
 *   "the wall compressed on the websocket"): 12.2 % of its size with the bench's repeated note text
 *   (12.1 % at the defaults), 34 % with every note's text different (29 % at the defaults).
 *   ws refuses (HTTP 400) a client that asks for a server window under 2^12; no browser asks for one.
 * - the client's window is left to the client: a number here makes ws refuse (HTTP 400) a browser that
 *   offers permessage-deflate without `client_max_window_bits`, as Firefox does.
 * - `concurrencyLimit`: zlib jobs ws runs at once (process-wide; zlib runs on libuv's pool of 4 threads);
 *   more queue. Two, so a reconnect storm of cold joins never holds every thread file I/O also needs.
 *
 * Inflating is bounded by the WebSocketServer's `maxPayload`: ws counts the INFLATED bytes and stops at the
 * limit, closing with 1009 (tests/integration/wsCompression.test.ts), so a small "zip bomb" frame never
 * grows past MAX_WS_FRAME_BYTES in memory.
 */
export const YJS_PER_MESSAGE_DEFLATE: PerMessageDeflateOptions = {
  threshold: 1024,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 12,
  zlibDeflateOptions: { memLevel: 5 },
  concurrencyLimit: 2,
};

/** The ws option for the Yjs endpoint: compression on (WS_COMPRESSION=on) or off (the default: ADR 0007). */
export function perMessageDeflateFor(isEnabled: boolean): PerMessageDeflateOptions | false {
  return isEnabled ? YJS_PER_MESSAGE_DEFLATE : false;
}
