/**
 * Issue 15 (where the time went at N = 500): a new note on the wall re-decides its author and the people
 * whose reactions or comments may depend on which notes are there, not every author of the board.
 * Counted through the publisher's own metric (people decided), not timed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { setMyReaction } from '../../shared/schema/draftReactions.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes, type WallKey } from '../../shared/schema/wall.js';
import { Disposables, boardWithPeople, connectDevice, rooms, withServerRoom } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const open = new Disposables();
let server: TestServer | null = null;
afterEach(async () => {
  await open.disposeAll();
  await server?.remove();
  server = null;
});

async function peopleDecided(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^oiw_publisher_decisions_total (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

describe('[#15] a new note re-decides only whom it can concern', () => {
  it('decides the author and the one person with a reaction, not the other four authors', async () => {
    server = await startTestServer();
    const { url } = server;
    const board = await boardWithPeople(server, { supplierCount: 6 });
    const brief = open.add(await connectDevice(url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Bins missed on narrow streets' });
    const wall = open.add(await connectDevice(url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
    const drafts = await Promise.all(
      board.suppliers.map(async (supplier) => open.add(await connectDevice(url, rooms.draft(board.boardId, supplier.personId), supplier.client), (live) => live.destroy())),
    );
    // Every supplier has a note on the wall (so the publisher knows them all); the last one reacts to the first's.
    drafts.forEach((draft, index) => addDraftNote(draft.doc, { text: `Idea ${index}`, colour: 'yellow', targetId: problemId }));
    await waitFor(() => readWallNotes(wall.doc).size === drafts.length, { what: 'six notes on the wall' });
    const firstKey = [...readWallNotes(wall.doc).keys()].find((key) => key.startsWith(`${board.suppliers[0]!.personId}:`)) as WallKey;
    setMyReaction(drafts.at(-1)!.doc, firstKey, 'plus-one', true);
    await withServerRoom(server, board.boardId, (room) => room.publisher.flush());
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // past the pace's window: a quiet board
    await withServerRoom(server, board.boardId, (room) => room.publisher.flush());

    const before = await peopleDecided(url);
    addDraftNote(drafts[1]!.doc, { text: 'A second idea from supplier 2', colour: 'blue', targetId: problemId });
    await waitFor(() => readWallNotes(wall.doc).size === drafts.length + 1, { what: 'the new note on the wall' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await withServerRoom(server, board.boardId, (room) => room.publisher.flush());
    // Supplier 2 (the author) and supplier 6 (the reactor); suppliers 1, 3, 4 and 5 are not decided again.
    expect((await peopleDecided(url)) - before).toBe(2);
  }, 60_000);
});
