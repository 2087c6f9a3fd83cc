/**
 * Issue 15: a note on the wire within 1.5× of its text plus its author reference, also when it is the first
 * note for a problem added a moment before (the problem's number reaches the wall when the problem is
 * added, not with its first note: ADR 0009). Measured as a wall reader receives it: the whole y-websocket
 * message, framing included.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { readWallTargets } from '../../shared/schema/wallTargets.js';
import { Disposables, boardWithPeople, connectDevice, rooms } from '../helpers/liveBoard.js';
import { connectRaw, waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

const open = new Disposables();
let server: TestServer | null = null;

afterEach(async () => {
  await open.disposeAll();
  await server?.remove();
  server = null;
});

/** The updates in a raw client's sync messages (step 2 and updates), in order, with each whole message's size. */
function updatesIn(messages: Uint8Array[]): Array<{ update: Uint8Array; messageBytes: number }> {
  const updates = [];
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) continue;
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      updates.push({ update: decoding.readVarUint8Array(decoder), messageBytes: message.byteLength });
    }
  }
  return updates;
}

/** 120 characters, the bench's note length. */
const TEXT = 'A shared booking calendar for repairs, so tenants pick a slot online and get a text message the day before every visit.'.padEnd(120, '!');

describe('[#15] a note on the wire', () => {
  it('[#15] the first note for a problem added a moment before is within 1.5× of its text and author id', async () => {
    expect(TEXT).toHaveLength(120);
    server = await startTestServer();
    const board = await boardWithPeople(server, { supplierCount: 1 });
    const supplier = board.suppliers[0]!; // reason: one supplier asked for
    const url = server.url;
    const brief = open.add(await connectDevice(url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const supplierBrief = open.add(await connectDevice(url, rooms.brief(board.boardId), supplier.client), (live) => live.destroy());
    const draft = open.add(await connectDevice(url, rooms.draft(board.boardId, supplier.personId), supplier.client), (live) => live.destroy());
    const reader = open.add(await connectRaw(url, rooms.wall(board.boardId), board.officer.client), (client) => client.close());
    reader.sendSyncStep1(new Y.Doc());
    const wall = new Y.Doc();
    let applied = 0;
    const readWall = () => {
      for (const { update } of updatesIn(reader.received).slice(applied)) Y.applyUpdate(wall, update);
      applied = updatesIn(reader.received).length;
      return wall;
    };

    // The supplier's first note names them on the wall (their people entry): sent once, not measured.
    const first = addProblem(brief.doc, { title: 'Repairs need second visits' });
    await waitFor(() => supplierBrief.doc.getMap(BRIEF_ROOTS.problems).size === 1, { what: 'the first problem' });
    addDraftNote(draft.doc, { text: 'An earlier idea', colour: 'yellow', targetId: first });
    await waitFor(() => readWallNotes(readWall()).size === 1, { what: 'the first note on the wall' });

    // A problem added now gets its number on the wall at once.
    const second = addProblem(brief.doc, { title: 'Tenants cannot see when a visit is due' });
    await waitFor(() => [...readWallTargets(readWall()).values()].includes(second), { what: 'the new problem numbered on the wall' });
    await waitFor(() => supplierBrief.doc.getMap(BRIEF_ROOTS.problems).size === 2, { what: 'the second problem' });

    const before = updatesIn(reader.received).length;
    addDraftNote(draft.doc, { text: TEXT, colour: 'blue', targetId: second });
    await waitFor(() => readWallNotes(readWall()).size === 2, { what: 'the note on the wall' });
    const carried = updatesIn(reader.received).slice(before);
    expect(carried).toHaveLength(1);
    const bytes = carried[0]!.messageBytes; // reason: one message checked above
    const allowance = TEXT.length + supplier.personId.length;
    expect(bytes / allowance, `${bytes} B for ${allowance} B of text and author id`).toBeLessThanOrEqual(1.5);
  });
});
