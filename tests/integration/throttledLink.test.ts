/**
 * The bench's slow link (tests/load/throttledLink.ts, `npm run bench:phone -- --link proxy`): bytes arrive
 * whole and in order, no sooner than the link's rate and latency allow, and at once when unthrottled.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startThrottledLink, type ThrottledLink } from '../load/throttledLink.js';

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
});
