/**
 * A full board coming back after a crash (issue 10 item 17), with the unmodified y-websocket provider
 * and its default options: it echoes every presence change it receives, and gives up for good after any
 * 44xx close. The server is the built app in a child process, killed with SIGKILL and restarted on the
 * same data directory and port while every provider is trying to reconnect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { Disposables, boardWithPeople, rooms, unusedId, type Person } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { stockProvider, type StockProvider } from '../helpers/stockProvider.js';

/** People on the board besides the officer: each has a wall and a draft provider (2 × this + 2 providers). */
// `STORM_PEOPLE` runs it bigger by hand (e.g. 199 people: 400 stock providers); 75 keeps `npm test` quick on 2 cores.
const SUPPLIERS = Number(process.env.STORM_PEOPLE ?? 75);
/** How long after the server is back every provider must have synced again, and everyone be shown. */
const RESYNC_DEADLINE_MS = 5_000;

const isRefusal = (code: number) => code >= 4400 && code < 4500;

/** Everyone a wall provider shows, other than itself. */
function shownBy(wall: StockProvider): number {
  return [...wall.provider.awareness.getStates().keys()].filter((clientId) => clientId !== wall.doc.clientID).length;
}

describe('reconnecting a full board', () => {
  const open = new Disposables();

  afterEach(async () => {
    await open.disposeAll();
  });

  it(`[#10.17] ${SUPPLIERS} people (${2 * SUPPLIERS + 2} stock providers) come back after a SIGKILL restart: no 44xx, all synced within 5 s`, async () => {
    // A room of phones, each from its own address as a trusted proxy reports it (the per-address join limit is for one script).
    let app: AppProcess = await startAppProcess({ env: { TRUST_PROXY: '1' } });
    const { dataDir, port } = app;
    open.add(dataDir, () => app.remove());
    const asServer = { url: app.url, setupUrl: app.setupUrl() } as unknown as TestServer;
    const board = await boardWithPeople(asServer, { supplierCount: SUPPLIERS, eachFromOwnAddress: true });
    const people: Person[] = [board.officer, ...board.suppliers];

    const walls = people.map((person) => open.add(stockProvider(app.url, rooms.wall(board.boardId), person.client), (p) => p.destroy()));
    const drafts = people.map((person) =>
      open.add(stockProvider(app.url, rooms.draft(board.boardId, person.personId), person.client), (p) => p.destroy()),
    );
    const everyProvider = [...walls, ...drafts];
    for (const wall of walls) wall.provider.awareness.setLocalState({ typing: null });
    await waitFor(() => everyProvider.every((live) => live.provider.synced), { what: 'everyone synced', timeoutMs: 30_000 });
    await waitFor(() => walls.every((wall) => shownBy(wall) === people.length - 1), { what: 'everyone shown to everyone', timeoutMs: 30_000 });

    // A crash while everyone is connected.
    await app.kill();
    await waitFor(() => everyProvider.every((live) => !live.provider.wsconnected), { what: 'every socket dropped', timeoutMs: 10_000 });
    // Some people keep writing while the server is down, and edit again the moment their socket reopens.
    const writers = drafts.slice(1, 21);
    const noteIds = writers.map((draft, index) => {
      const noteId = addDraftNote(draft.doc, { text: `Written during the outage ${index}`, colour: 'yellow', targetId: unusedId() });
      let hasEdited = false;
      draft.provider.on('status', ({ status }) => {
        if (status !== 'connected' || hasEdited) return;
        hasEdited = true;
        updateDraftNote(draft.doc, noteId, { text: `Edited as the socket reopened ${index}` });
      });
      return noteId;
    });

    app = await startAppProcess({ dataDir, port, env: { TRUST_PROXY: '1' } });
    const backAt = Date.now();
    // When each provider was connected and synced again, after the server was back (for the failure message).
    const connectedAfter = new Map<StockProvider, number>();
    const syncedAfter = new Map<StockProvider, number>();
    const note = () => {
      for (const live of everyProvider) {
        if (live.provider.wsconnected && !connectedAfter.has(live)) connectedAfter.set(live, Date.now() - backAt);
        if (live.provider.synced && !syncedAfter.has(live)) syncedAfter.set(live, Date.now() - backAt);
      }
      return syncedAfter.size === everyProvider.length;
    };
    const spread = (times: Map<StockProvider, number>) => {
      const sorted = [...times.values()].sort((a, b) => a - b);
      return `${times.size} of ${everyProvider.length}, median ${sorted[Math.floor(sorted.length / 2)]} ms, last ${sorted.at(-1)} ms`;
    };
    await waitFor(note, { timeoutMs: RESYNC_DEADLINE_MS, intervalMs: 10 }).catch(() => {
      throw new Error(`not every provider synced within ${RESYNC_DEADLINE_MS} ms of the restart: connected ${spread(connectedAfter)}; synced ${spread(syncedAfter)}; closes ${everyProvider.flatMap((live) => live.closes).join(' ')}`);
    });
    const syncedAfterMs = Date.now() - backAt;
    await waitFor(() => walls.every((wall) => shownBy(wall) === people.length - 1), {
      what: 'everyone shown to everyone again',
      // Presence follows the sync at once; a little slack for a busy test machine.
      timeoutMs: Math.max(RESYNC_DEADLINE_MS + 3_000 - (Date.now() - backAt), 100),
    });

    const refusals = everyProvider.flatMap((live) => live.closes.filter(isRefusal));
    expect(refusals, `44xx closes after the restart (synced after ${syncedAfterMs} ms)`).toEqual([]);
    expect(everyProvider.every((live) => live.provider.shouldConnect)).toBe(true);
    // What was written during the outage and as the sockets reopened reached the server.
    const officerCopies = writers.map((_, index) =>
      open.add(stockProvider(app.url, rooms.draft(board.boardId, board.suppliers[index]!.personId), board.officer.client), (p) => p.destroy()),
    );
    await waitFor(() => officerCopies.every((copy) => copy.provider.synced), { what: 'the officer’s copies of the drafts' });
    officerCopies.forEach((copy, index) => {
      const note = copy.doc.getMap('notes').get(noteIds[index]!) as Y.Map<unknown> | undefined;
      expect(note?.get('text')).toBe(`Edited as the socket reopened ${index}`);
    });
  }, 90_000);

  it('[#10.17] stock providers idle for 35 s keep showing everyone and are never dropped for silence (wall, brief and draft)', async () => {
    const server = await startTestServer();
    open.add(server, (owned) => owned.remove());
    const board = await boardWithPeople(server, { supplierCount: 6, withObserver: true });
    const people: Person[] = [board.officer, ...board.suppliers, board.observer!];
    const walls = people.map((person) => open.add(stockProvider(server.url, rooms.wall(board.boardId), person.client), (p) => p.destroy()));
    for (const wall of walls) wall.provider.awareness.setLocalState({ typing: null });
    // The other documents carry no presence, but a stock provider there still expects to hear back.
    const others = [
      stockProvider(server.url, rooms.brief(board.boardId), board.suppliers[0]!.client),
      stockProvider(server.url, rooms.draft(board.boardId, board.suppliers[0]!.personId), board.suppliers[0]!.client),
    ].map((live) => open.add(live, (p) => p.destroy()));
    const everyProvider = [...walls, ...others];
    await waitFor(() => everyProvider.every((live) => live.provider.synced) && walls.every((wall) => shownBy(wall) === people.length - 1), {
      what: 'everyone synced and shown',
    });
    // Nobody changes anything: only renewals (the provider's own every 15 s, and the server's) keep people shown.
    const until = Date.now() + 35_000;
    let leastShown = people.length - 1;
    await waitFor(
      () => {
        leastShown = Math.min(leastShown, ...walls.map(shownBy));
        return Date.now() > until;
      },
      { timeoutMs: 40_000, intervalMs: 250, what: '35 s of quiet' },
    );
    expect(leastShown).toBe(people.length - 1);
    expect(everyProvider.map((live) => live.disconnects)).toEqual(everyProvider.map(() => 0));
    expect(everyProvider.flatMap((live) => live.closes)).toEqual([]);
  }, 60_000);
});
