import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atExpiry } from '../../server/auth/expiryTimer.js';
import { ConnectionRegistry, type LiveConnection } from '../../server/rooms/ConnectionRegistry.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('[#10.2] session expiry timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('[#10.2] fires at an expiry 30 days away, not at once (setTimeout caps delays at 2^31 ms, about 24.8 days)', () => {
    const fired = vi.fn();
    atExpiry(Date.now() + 30 * DAY_MS, fired);
    vi.advanceTimersByTime(1_000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY_MS - 2_000);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('[#10.2] fires at once for a session already past its expiry, and never after being cancelled', () => {
    const expired = vi.fn();
    atExpiry(Date.now() - 1, expired);
    expect(expired).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    const cancel = atExpiry(Date.now() + 1_000, cancelled);
    cancel();
    vi.advanceTimersByTime(5_000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe('[#10.2] [#10.6] connection registry', () => {
  const connection = (tokenHash: string, boardId = 'board', personId = 'person'): LiveConnection & { ended: number[] } => {
    const ended: number[] = [];
    return { kind: 'yjs', boardId, personId, inviteLinkId: null, tokenHash, ended, end: (code) => void ended.push(code) };
  };

  it('[#10.2] ends every connection of a session on every board, and nobody else’s', () => {
    const registry = new ConnectionRegistry();
    const mine = [connection('session-a', 'board-1'), connection('session-a', 'board-2')];
    const theirs = connection('session-b', 'board-1');
    for (const live of [...mine, theirs]) registry.add(live);
    expect(registry.endSession('session-a', 4401, 'signed out')).toBe(2);
    expect(mine.map((live) => live.ended)).toEqual([[4401], [4401]]);
    expect(theirs.ended).toEqual([]);
  });

  it('[#10.6] refuses past the per-session and global caps, and counts a removed connection once', () => {
    const registry = new ConnectionRegistry({ perSession: 2, total: 3 });
    const [first, second, third] = [connection('a'), connection('a'), connection('a')];
    expect(registry.tryAdd(first)).toBeNull();
    expect(registry.tryAdd(second)).toBeNull();
    expect(registry.tryAdd(third)).toBe('session-full');
    expect(registry.tryAdd(connection('b'))).toBeNull();
    expect(registry.tryAdd(connection('c'))).toBe('server-full');
    registry.remove(first);
    registry.remove(first);
    expect(registry.size).toBe(2);
    expect(registry.tryAdd(third)).toBeNull();
  });

  it('[#10.2] refuses a new connection of a session that just ended', () => {
    const registry = new ConnectionRegistry();
    registry.endSession('gone', 4401, 'signed out');
    expect(registry.tryAdd(connection('gone'))).toBe('session-ended');
  });
});
