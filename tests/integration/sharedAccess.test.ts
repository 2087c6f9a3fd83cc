/**
 * Issue 11, "a removal, a sign-out and a rate limit enforced on instance A hold on instance C": three
 * instances of the server on one PostgreSQL database and one Redis (a redis-server of this test's own, so it
 * can be stopped). Access changes travel on Redis; rate-limit counters live in Redis; a Redis outage leaves
 * every instance serving (and /readyz saying so), and a sign-out missed during it still closes the sockets
 * once Redis is back.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SIGN_IN_ATTEMPTS_PER_WINDOW } from '../../shared/limits.js';
import { newBrowserClient } from '../helpers/http.js';
import { type Instance, sameBrowserOn, startInstances as startClusterInstances, useClusterFixtures } from '../helpers/clusterInstances.js';
import { boardWithPeople, closeOf, connectBoardSocket, rooms, type BoardWithPeople } from '../helpers/liveBoard.js';
import { connectRaw, waitFor } from '../helpers/liveClients.js';
import { FIRST_OFFICER, expectError, expectStatus } from './scenario.js';

const UNAUTHENTICATED = 4401;
const REMOVED = 4410;

const cluster = useClusterFixtures();
const { open } = cluster;


function startInstances(count: number): Promise<Instance[]> {
  return startClusterInstances(cluster.database, cluster.redis.url, count, open);
}

describe('[#11] access changes and rate limits hold on every instance', () => {
  let a: Instance;
  let c: Instance;
  let board: BoardWithPeople;

  beforeEach(async () => {
    [a, , c] = await startInstances(3) as [Instance, Instance, Instance];
    board = await boardWithPeople(a, { supplierCount: 2 });
  });

  it('a sign-out on A closes the same session’s sockets on C within a second', async () => {
    const officerOnC = await sameBrowserOn(c, board.officer.client);
    const wall = open.add(await connectRaw(c.url, rooms.wall(board.boardId), officerOnC), (raw) => raw.close());
    const events = open.add(await connectBoardSocket(c.url, officerOnC, board.boardId), (socket) => socket.disconnect());
    const disconnected = new Promise<number>((resolve) => events.once('disconnect', () => resolve(Date.now())));
    const signedOutAt = Date.now();
    expectStatus(await board.officer.client.post('/api/sign-out'), 204);
    const closed = await closeOf(wall, 2_000);
    expect(closed.code).toBe(UNAUTHENTICATED);
    expect(Date.now() - signedOutAt).toBeLessThan(1_000);
    expect((await disconnected) - signedOutAt).toBeLessThan(1_000);
    // And C refuses the session from now on (it is gone from the shared store).
    expect((await officerOnC.get('/api/session')).body.session).toBeNull();
  });

  it('a removal on A closes the removed supplier’s sockets on C, and C refuses them after', async () => {
    const supplier = board.suppliers[0]!;
    const supplierOnC = await sameBrowserOn(c, supplier.client);
    const draft = open.add(await connectRaw(c.url, rooms.draft(board.boardId, supplier.personId), supplierOnC), (raw) => raw.close());
    const other = board.suppliers[1]!;
    const otherWall = open.add(await connectRaw(c.url, rooms.wall(board.boardId), await sameBrowserOn(c, other.client)), (raw) => raw.close());
    expectStatus(await board.officer.client.post(`/api/boards/${board.boardId}/participants/${supplier.personId}/remove`, {}), 200);
    expect((await closeOf(draft, 2_000)).code).toBe(REMOVED);
    expect(otherWall.isOpen(), 'someone else’s socket stays open').toBe(true);
    expectError(await supplierOnC.get(`/api/boards/${board.boardId}`), 401, 'unauthenticated');
  });

  it('failed sign-ins counted on A are refused on C', async () => {
    const onA = await newBrowserClient(a.url);
    for (let attempt = 0; attempt < SIGN_IN_ATTEMPTS_PER_WINDOW; attempt += 1) {
      expectError(await onA.post('/api/sign-in', { email: FIRST_OFFICER.email, password: 'not the password' }), 401, 'unauthenticated');
    }
    const onC = await newBrowserClient(c.url);
    expectError(await onC.post('/api/sign-in', { email: FIRST_OFFICER.email, password: FIRST_OFFICER.password }), 429, 'rate-limited');
  });
});

describe('[#11] a Redis outage', () => {
  it('leaves every instance serving and saying so in /readyz; a sign-out made meanwhile closes sockets once Redis is back', async () => {
    const [a, c] = (await startInstances(2)) as [Instance, Instance];
    const board = await boardWithPeople(a, { supplierCount: 1 });
    const officerOnC = await sameBrowserOn(c, board.officer.client);
    const wall = open.add(await connectRaw(c.url, rooms.wall(board.boardId), officerOnC), (raw) => raw.close());

    await cluster.redis.stop();
    await waitFor(async () => (await (await newBrowserClient(a.url)).get('/readyz')).body.degraded === 'redis-unreachable', { what: '/readyz to report the outage' });
    const readiness = await (await newBrowserClient(c.url)).get('/readyz');
    expect(readiness.status).toBe(200);
    expect(readiness.body).toMatchObject({ status: 'ready', degraded: 'redis-unreachable' });
    // Still serving: sign-in (its limits fail open) and the board; the log says so in JSON, never a stray
    // console line per request.
    const consoleErrors = vi.spyOn(console, 'error');
    const signedIn = await newBrowserClient(a.url);
    expectStatus(await signedIn.post('/api/sign-in', { email: FIRST_OFFICER.email, password: FIRST_OFFICER.password }), 200);
    expectStatus(await officerOnC.get(`/api/boards/${board.boardId}`), 200);
    expect(consoleErrors.mock.calls.map((call) => String(call[0]))).toEqual([]);
    consoleErrors.mockRestore();
    // A sign-out on A during the outage cannot be heard by C now…
    expectStatus(await board.officer.client.post('/api/sign-out'), 204);
    expect(wall.isOpen()).toBe(true);

    await cluster.redis.start();
    // …but once Redis is back, C re-checks its sessions and closes that one.
    expect((await closeOf(wall, 10_000)).code).toBe(UNAUTHENTICATED);
    await waitFor(async () => (await (await newBrowserClient(c.url)).get('/readyz')).body.degraded === undefined, { what: '/readyz to be clean again' });
  }, 60_000);
});
