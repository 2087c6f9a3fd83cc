/**
 * The publisher decides a moment's changed drafts together and writes them to the wall in one
 * transaction. Each note must still carry its own author ("Tests that could not fail": stamping every
 * author of a batch with the first author's name went unnoticed but for the property fuzz).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readWall, readWallNotes, readWallPeople } from '../../shared/schema/wall.js';
import { Disposables, boardWithPeople, connectDevice, rooms } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const AUTHORS = 10;
const open = new Disposables();
let server: TestServer | null = null;

afterEach(async () => {
  await open.disposeAll();
  await server?.remove();
  server = null;
});

describe('[#10.tcnf] many authors published in one batch', () => {
  it('[#10.tcnf] notes from many authors published in the same tick each show their own author’s name and organisation', async () => {
    server = await startTestServer();
    const board = await boardWithPeople(server, { supplierCount: AUTHORS });
    const url = server.url;
    const brief = open.add(await connectDevice(url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    const wall = open.add(await connectDevice(url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
    const drafts = await Promise.all(
      board.suppliers.map(async (supplier) =>
        open.add(await connectDevice(url, rooms.draft(board.boardId, supplier.personId), supplier.client), (live) => live.destroy()),
      ),
    );
    // The problem is on the server (a supplier reads it) before anyone writes about it.
    const supplierBrief = open.add(await connectDevice(url, rooms.brief(board.boardId), board.suppliers[0]!.client), (live) => live.destroy()); // reason: AUTHORS > 0
    await waitFor(() => supplierBrief.doc.getMap(BRIEF_ROOTS.problems).size > 0, { what: 'the problem stored and sent' });
    let previous = 0;
    let largestStep = 0;
    wall.doc.on('update', () => {
      const count = readWallNotes(wall.doc).size;
      largestStep = Math.max(largestStep, count - previous);
      previous = count;
    });

    // Every author adds a note in the same turn of the event loop: they reach the server together.
    board.suppliers.forEach((supplier, index) => {
      addDraftNote(drafts[index]!.doc, { text: `Idea from ${supplier.name}`, colour: 'yellow', targetId: problemId }); // reason: same length
    });
    await waitFor(() => readWallNotes(wall.doc).size === AUTHORS, { what: 'every note on the wall', timeoutMs: 10_000 });

    // The notes went up in batches (else this test would not test a batch).
    expect(largestStep).toBeGreaterThan(1);
    const people = readWallPeople(wall.doc);
    const views = readWall(wall.doc).notesByTarget.get(problemId) ?? [];
    expect(views).toHaveLength(AUTHORS);
    for (const supplier of board.suppliers) {
      const note = views.find((view) => view.author === supplier.personId);
      expect(note?.text).toBe(`Idea from ${supplier.name}`);
      expect({ name: note?.authorName, organisation: note?.authorOrganisation }).toEqual({ name: supplier.name, organisation: supplier.organisation });
      expect(people.get(supplier.personId)).toEqual({ name: supplier.name, organisation: supplier.organisation, role: 'participant' });
    }
  });
});
