/**
 * Issue 15, cold join after a restart: loading a board re-reads every stored draft (recovery of edits the
 * wall had not taken yet). That work must not stand between the person whose join loaded the board and
 * their wall: their sync is answered from the loaded wall first, and the drafts are re-read a moment later.
 * Before, the re-reading ran as one chain of microtasks and the first join of a 2,000-note board waited
 * for all 200 drafts (~165 ms of the event loop) before its sync was answered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { Disposables, boardWithPeople, connectDevice, rooms } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { wrapStore } from '../helpers/slowStore.js';
import { startTestServer } from '../helpers/startServer.js';

const SUPPLIERS = 12;
const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

describe('[#15.cold] a board loaded by a join', () => {
  it('answers the join from the stored wall before it re-reads the stored drafts, then re-reads every one', async () => {
    const first = await startTestServer();
    open.add(first, (server) => server.remove());
    const firstRun = new Disposables();
    const board = await boardWithPeople(first, { supplierCount: SUPPLIERS });
    const { boardId } = board;
    const brief = firstRun.add(await connectDevice(first.url, rooms.brief(boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    for (const supplier of board.suppliers) {
      const draft = firstRun.add(await connectDevice(first.url, rooms.draft(boardId, supplier.personId), supplier.client), (live) => live.destroy());
      addDraftNote(draft.doc, { text: `${supplier.name}: book the repair with the first visit`, colour: 'yellow', targetId: problemId });
    }
    const wall = firstRun.add(await connectDevice(first.url, rooms.wall(boardId), board.officer.client), (live) => live.destroy());
    await waitFor(() => readWallNotes(wall.doc).size === SUPPLIERS, { what: 'every note published' });
    await firstRun.disposeAll();
    await first.stop();

    // The same data directory; every stored draft the restarted server reads is noted, in order.
    const draftPrefix = `${boardId}/drafts/`;
    const draftsRead: string[] = [];
    const second = await startTestServer({
      dataDir: first.dataDir,
      wrapStore: (store) =>
        wrapStore(store, (method, args) => {
          if (method === 'loadDocument' && String(args[0]).startsWith(draftPrefix)) draftsRead.push(String(args[0]));
        }),
    });
    open.add(second, (server) => server.stop());

    // The officer's wall is the first thing that loads the board.
    let draftsReadAtSync: number | null = null;
    const reader = open.add(
      await connectDevice(second.url, rooms.wall(boardId), board.officer.client, {
        waitForSync: false,
        onConnected: (provider) => provider.once('sync', () => (draftsReadAtSync ??= draftsRead.length)),
      }),
      (live) => live.destroy(),
    );
    await waitFor(() => reader.provider.synced, { what: 'the wall synced after the restart' });
    expect(readWallNotes(reader.doc).size, 'the stored wall, whole, in the first answer').toBe(SUPPLIERS);
    expect(draftsReadAtSync, 'stored drafts read before the join was answered').toBe(0);

    // The recovery still happens, for every stored draft.
    await waitFor(() => new Set(draftsRead).size === SUPPLIERS, { what: `every stored draft re-read (now ${new Set(draftsRead).size})` });
  }, 60_000);
});
