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
 * - a smaller server window (2^13 = 8 KiB) and memLevel 7: the deflate state ws keeps per connection
 *   once it has compressed one message is ~100 KiB instead of ~256 KiB at zlib's defaults. Yjs updates
 *   repeat short keys close together, so the smaller window costs little ratio (BENCHMARKS.md).
 * - the client's window is left to the client: a number here makes ws refuse (HTTP 400) a browser that
 *   offers permessage-deflate without `client_max_window_bits`, as Firefox does.
 * - `concurrencyLimit`: zlib jobs ws runs at once (process-wide); more queue. Keeps a reconnect storm of
 *   cold joins from occupying every libuv thread the store also needs.
 *
 * Inflating is bounded by the WebSocketServer's `maxPayload`: ws counts the INFLATED bytes and stops at the
 * limit, closing with 1009 (tests/integration/wsCompression.test.ts), so a small "zip bomb" frame never
 * grows past MAX_WS_FRAME_BYTES in memory.
 */
export const YJS_PER_MESSAGE_DEFLATE: PerMessageDeflateOptions = {
  threshold: 1024,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 13,
  zlibDeflateOptions: { memLevel: 7, level: 6 },
  concurrencyLimit: 4,
};

/** The ws option for the Yjs endpoint: compression on (the default) or off (WS_COMPRESSION=off). */
export function perMessageDeflateFor(isEnabled: boolean): PerMessageDeflateOptions | false {
  return isEnabled ? YJS_PER_MESSAGE_DEFLATE : false;
}
