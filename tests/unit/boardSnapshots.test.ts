/**
 * Issue 15 (ADR 0008): a venue scanning the QR code at once must not cost one read and one compression a
 * phone. A board's snapshot is read once a second and each encoding made once from it; a failed read is
 * not kept; the bytes are the read ones, compressed as named.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BoardSnapshots, MAX_AGE_MS, type StoredSnapshot } from '../../server/http/boardSnapshots.js';

const body = new TextEncoder().encode('an idea about repairs, '.repeat(400));

describe('[#15] board snapshots', () => {
  it('[#15] reads a board once for every request within a second, whatever the encodings, then reads again', async () => {
    let now = 1_000_000;
    const snapshots = new BoardSnapshots(() => now);
    let reads = 0;
    const read = async (): Promise<StoredSnapshot> => {
      reads += 1;
      return { body, epoch: 'epoch-1' };
    };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => snapshots.get('board-a', (['br', 'gzip', 'identity'] as const)[index % 3]!, read)), // reason: modulo 3
    );
    expect(reads).toBe(1);
    // The same compressed bytes for every request of one encoding (made once, shared).
    const brotli = answers.filter((answer) => answer.encoding === 'br');
    expect(new Set(brotli.map((answer) => answer.body)).size).toBe(1);
    expect(Buffer.from(brotliDecompressSync(brotli[0]!.body)).equals(Buffer.from(body))).toBe(true); // reason: 17 of 50
    const gzip = answers.find((answer) => answer.encoding === 'gzip')!; // reason: 17 of 50
    expect(Buffer.from(gunzipSync(gzip.body)).equals(Buffer.from(body))).toBe(true);
    expect(gzip.body.byteLength).toBeLessThan(body.byteLength / 10);
    expect(answers.every((answer) => answer.epoch === 'epoch-1')).toBe(true);

    // Another board is read on its own.
    await snapshots.get('board-b', 'br', read);
    expect(reads).toBe(2);
    now += MAX_AGE_MS;
    await snapshots.get('board-a', 'br', read);
    expect(reads).toBe(2);
    now += 1;
    await snapshots.get('board-a', 'br', read);
    expect(reads).toBe(3);
    // Old snapshots are let go: memory holds the boards joined in the last second only.
    expect(snapshots.size).toBe(1);
  });

  it('[#15] a failed read fails its requests and is not kept: the next request reads again', async () => {
    const snapshots = new BoardSnapshots(() => 5_000);
    let reads = 0;
    const failing = async (): Promise<StoredSnapshot> => {
      reads += 1;
      throw new Error('the store is away');
    };
    await expect(Promise.all([snapshots.get('board-a', 'gzip', failing), snapshots.get('board-a', 'br', failing)])).rejects.toThrow('the store is away');
    expect(reads).toBe(1);
    const answer = await snapshots.get('board-a', 'identity', async () => ({ body, epoch: 'epoch-2' }));
    expect(answer).toMatchObject({ encoding: 'identity', epoch: 'epoch-2' });
    expect(Buffer.from(answer.body).equals(Buffer.from(body))).toBe(true);
  });
});
