/**
 * The bench's slow link (tests/load/throttledLink.ts, `npm run bench:phone -- --link proxy`): bytes arrive
 * whole and in order, no sooner than the link's rate and latency allow, and at once when unthrottled.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkDirection, startThrottledLink, type ThrottledLink } from '../load/throttledLink.js';

const PAYLOAD = randomBytes(100_000);

/** A server that sends PAYLOAD to each connection, and the client's view of it through the link. */
async function receiveThrough(link: ThrottledLink): Promise<{ ms: number; bytes: Buffer }> {
  const started = performance.now();
  const client = connect(link.port, '127.0.0.1');
  const parts: Buffer[] = [];
  client.on('data', (part: Buffer) => parts.push(part));
  await new Promise<void>((resolve, reject) => {
    client.on('end', () => resolve());
    client.on('error', reject);
  });
  return { ms: performance.now() - started, bytes: Buffer.concat(parts) };
}

describe('the slow link of the phone bench', () => {
  let origin: Server | null = null;
  let link: ThrottledLink | null = null;

  afterEach(async () => {
    await link?.close();
    await new Promise<void>((resolve) => (origin ? origin.close(() => resolve()) : resolve()));
  });

  it('paces bytes at its rate plus its latency, whole and in order, and passes them at once unthrottled', async () => {
    origin = createServer((socket) => socket.end(PAYLOAD));
    await new Promise<void>((resolve) => origin!.listen(0, '127.0.0.1', () => resolve()));
    const port = (origin.address() as { port: number }).port;
    link = await startThrottledLink(port, { downBitsPerSecond: 800_000, upBitsPerSecond: 800_000, latencyMs: 200 });

    const fast = await receiveThrough(link);
    expect(fast.bytes.equals(PAYLOAD)).toBe(true);
    expect(fast.ms).toBeLessThan(500);

    link.setThrottled(true);
    const slow = await receiveThrough(link);
    expect(slow.bytes.equals(PAYLOAD)).toBe(true);
    // 100 kB at 800 kbps is 1 s, plus 100 ms one way (less 50 ms for timer rounding); a loaded machine may add, never subtract.
    expect(slow.ms).toBeGreaterThanOrEqual(1_050);
    expect(slow.ms).toBeLessThan(4_000);
  }, 20_000);

  it('delivers many small writes of varied sizes in the order they were sent (a fast link, idle between them)', async () => {
    // Each piece's delivery time counts from when the link is next free; a small piece that came after a
    // larger one, while the link was idle, must still arrive after it (the phone bench saw broken HTTP).
    const pieces = Array.from({ length: 400 }, (_, index) => randomBytes(1 + ((index * 7919) % 3_000)));
    const expected = Buffer.concat(pieces);
    origin = createServer((socket) => {
      let index = 0;
      const next = () => {
        if (index === pieces.length) return socket.end();
        socket.write(pieces[index]!); // reason: index < length
        index += 1;
        if (index % 3 === 0) setTimeout(next, 1);
        else setImmediate(next);
      };
      next();
    });
    await new Promise<void>((resolve) => origin!.listen(0, '127.0.0.1', () => resolve()));
    const port = (origin.address() as { port: number }).port;
    link = await startThrottledLink(port, { downBitsPerSecond: 200_000_000, upBitsPerSecond: 200_000_000, latencyMs: 20 });
    link.setThrottled(true);
    const received = await receiveThrough(link);
    expect(received.bytes.length).toBe(expected.length);
    expect(received.bytes.equals(expected)).toBe(true);
  }, 20_000);

  it('delivers a short answer before the close that follows it at once', async () => {
    // The answer and the close reach the link in the same turn of its event loop: the close must still
    // wait behind the answer's bytes, however briefly they occupy the link.
    origin = createServer((socket) => socket.end(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')));
    await new Promise<void>((resolve) => origin!.listen(0, '127.0.0.1', () => resolve()));
    const port = (origin.address() as { port: number }).port;
    link = await startThrottledLink(port, { downBitsPerSecond: 1_600_000, upBitsPerSecond: 750_000, latencyMs: 150 });
    link.setThrottled(true);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const received = await receiveThrough(link);
      expect(received.bytes.toString(), `attempt ${attempt}`).toBe('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    }
  }, 30_000);
});

describe('one direction of the slow link', () => {
  it('delivers pieces in the order they came, whatever their sizes and the pauses between them', async () => {
    // Small pieces with pauses longer than their time on the link: each is due by its own clock, and
    // timers due in the same millisecond may fire in either order (one timer per piece reordered about
    // one piece in six here).
    const direction = new LinkDirection(1_600_000, 75);
    const arrived: number[] = [];
    let sent = 0;
    const deadline = performance.now() + 1_500;
    while (performance.now() < deadline) {
      const index = sent;
      direction.carry(Buffer.alloc((index * 7_919) % 400), () => arrived.push(index), true);
      sent += 1;
      const pause = performance.now() + ((index * 37) % 30) / 10;
      while (performance.now() < pause);
      if (index % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    direction.stop();
    expect(arrived).toHaveLength(sent);
    expect(arrived).toEqual(Array.from({ length: sent }, (_, index) => index));
  });
});
