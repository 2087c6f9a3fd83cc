/**
 * Issue 15, cold join after a restart: a graceful shutdown folds the wall's stored log into one snapshot,
 * and after the restart a joiner who has nothing is sent that snapshot as it is (no encoding of the whole
 * wall in a process that has just started). The first change after that must reach every later joiner:
 * the kept state is forgotten at each change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { Disposables, boardWithPeople, connectDevice, rooms, syncMessagesOf } from '../helpers/liveBoard.js';
import { connectRaw, docFromMessages, waitFor, type RawClient } from '../helpers/liveClients.js';
import { startTestServer } from '../helpers/startServer.js';

const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

/** The sync step 2 the server sends a raw client that says it has nothing. */
async function stepTwoForNewcomer(raw: RawClient): Promise<Uint8Array> {
  raw.sendSyncStep1(new Y.Doc());
  await waitFor(() => syncMessagesOf(raw.received).some((message) => message.kind === 'step2'), { what: 'the sync step 2' });
  return syncMessagesOf(raw.received).find((message) => message.kind === 'step2')!.payload; // reason: waited for above
}

describe('[#15.cold] the wall after a graceful restart', () => {
  it('is stored as one snapshot, sent as it is to a joiner with nothing, and forgotten at the next change', async () => {
    const first = await startTestServer();
    open.add(first, (server) => server.remove());
    const firstRun = new Disposables();
    const board = await boardWithPeople(first, { supplierCount: 2 });
    const { boardId } = board;
    const wallName = rooms.wall(boardId);
    const brief = firstRun.add(await connectDevice(first.url, rooms.brief(boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    const supplier = board.suppliers[0]!;
    const draft = firstRun.add(await connectDevice(first.url, rooms.draft(boardId, supplier.personId), supplier.client), (live) => live.destroy());
    for (const text of ['Book the repair with the first visit', 'Text the arrival time', 'Bring the common parts']) {
      addDraftNote(draft.doc, { text, colour: 'yellow', targetId: problemId });
    }
    const wall = firstRun.add(await connectDevice(first.url, wallName, board.officer.client), (live) => live.destroy());
    await waitFor(() => readWallNotes(wall.doc).size === 3, { what: 'three notes published' });
    expect((await first.store.describeDocumentLog(wallName)).updates, 'the wall has a log before the shutdown').toBeGreaterThan(0);
    await firstRun.disposeAll();
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    open.add(second, (server) => server.stop());
    // Nobody has loaded the board yet: this is what the shutdown left.
    const log = await second.store.describeDocumentLog(wallName);
    expect({ updates: log.updates, hasSnapshot: log.snapshotBytes > 0 }).toEqual({ updates: 0, hasSnapshot: true });
    const { snapshot } = await second.store.loadDocument(wallName);

    const newcomer = open.add(await connectRaw(second.url, wallName, board.officer.client), (raw) => raw.close());
    const sent = await stepTwoForNewcomer(newcomer);
    expect(Buffer.from(sent).equals(Buffer.from(snapshot!)), 'the stored snapshot, byte for byte').toBe(true); // reason: hasSnapshot above
    expect(readWallNotes(docFromMessages(newcomer.received)).size).toBe(3);

    // A fourth note: every joiner after it must have it (the kept state was forgotten).
    const again = open.add(await connectDevice(second.url, rooms.draft(boardId, supplier.personId), supplier.client), (live) => live.destroy());
    addDraftNote(again.doc, { text: 'Send a photo of the part first', colour: 'green', targetId: problemId });
    const reader = open.add(await connectDevice(second.url, wallName, board.officer.client), (live) => live.destroy());
    await waitFor(() => readWallNotes(reader.doc).size === 4, { what: 'the fourth note published' });
    const later = open.add(await connectRaw(second.url, wallName, board.officer.client), (raw) => raw.close());
    await stepTwoForNewcomer(later);
    expect([...readWallNotes(docFromMessages(later.received)).values()].map((note) => note.text).sort()).toEqual(
      ['Book the repair with the first visit', 'Bring the common parts', 'Send a photo of the part first', 'Text the arrival time'],
    );
  }, 60_000);
});
