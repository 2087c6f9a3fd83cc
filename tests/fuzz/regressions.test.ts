/**
 * Failures the fuzz tests found, pinned by seed so they stay fixed (STYLE.md: tests/fuzz). Each test says
 * how to replay the original run and checks the behaviour the fix must give, on the smallest input that
 * showed the failure and on the exact bytes the fuzz sent (tests/fixtures/fuzz/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentNames } from '../../server/rooms/BoardRoom.js';
import { CLOSE_CODES } from '../../shared/protocol/closeCodes.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { Disposables, boardWithPeople, closeOf, connectDevice, docFromStored, rooms, syncMessagesOf, withServerRoom, type BoardWithPeople } from '../helpers/liveBoard.js';
import { connectRaw, waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { syncFrame } from './frameMutations.js';

const DOCUMENTED_CODES = new Set<number>(Object.values(CLOSE_CODES).map((entry) => entry.code));

/** The frames of a fixture file: one hex frame per line; lines starting with '#' say what it is for. */
function fixtureFrames(name: string): Uint8Array[] {
  const text = readFileSync(path.resolve('tests/fixtures/fuzz', name), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => Uint8Array.from(Buffer.from(line.trim(), 'hex')));
}

describe('pinned failures of the fuzz tests', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const open = new Disposables();
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeEach(async () => {
    uncaught.length = 0;
    process.on('uncaughtException', onUncaught);
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 1 });
  });

  afterEach(async () => {
    process.off('uncaughtException', onUncaught);
    await open.disposeAll();
    await server.remove();
  });

  /**
   * Sends `frame` on the supplier's own draft, then checks what any fix must give: a documented close or
   * an accepted write; the server's copy of the draft equal to its stored copy; a later sync step 1 on the
   * draft answered; the officer able to open the draft; no exception escaping; the process answering.
   */
  async function expectOwnDraftFrameHandled(frame: Uint8Array): Promise<void> {
    const supplier = board.suppliers[0]!;
    const room = rooms.draft(board.boardId, supplier.personId);
    const writer = open.add(await connectRaw(server.url, room, supplier.client), (raw) => raw.close());
    writer.send(frame);
    const ended = await closeOf(writer, 1_000).catch(() => null);
    if (ended) expect(DOCUMENTED_CODES.has(ended.code), `closed with ${ended.code} ${ended.reason}`).toBe(true);

    // Whatever the server decided, its copy and its stored copy agree: nothing lives only in memory.
    await withServerRoom(server, board.boardId, async (serverRoom) => {
      const live = (await serverRoom.openDraft(supplier.personId)).doc;
      await serverRoom.settle();
      const stored = await server.store.loadDocument(documentNames.draft(board.boardId, supplier.personId));
      const rebuilt = docFromStored(stored);
      expect(Y.decodeStateVector(Y.encodeStateVector(live)), 'live draft vs stored draft').toEqual(Y.decodeStateVector(Y.encodeStateVector(rebuilt)));
    });

    // The supplier's next device asks for the draft and gets it.
    const reader = open.add(await connectRaw(server.url, room, supplier.client), (raw) => raw.close());
    reader.sendSyncStep1(new Y.Doc());
    await waitFor(() => syncMessagesOf(reader.received).some((message) => message.kind === 'step2') || !reader.isOpen(), {
      timeoutMs: 2_000,
      what: 'an answer to the sync step 1 of the draft',
    });
    expect(reader.isOpen(), 'the reader was closed').toBe(true);

    // The officer opens the supplier's draft, as the moderation view does.
    const officerCopy = open.add(await connectDevice(server.url, room, board.officer.client, { timeoutMs: 2_000 }), (live) => live.destroy());
    expect(officerCopy.doc.getMap(DRAFT_ROOTS.notes)).toBeDefined();

    expect(uncaught.map(String), 'exceptions escaped to the process').toEqual([]);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }

  // Found by frames.test.ts, FUZZ_SEED=717248453 FUZZ_RUNS=2000 (case 89). lib0's readAny builds objects with
  // `obj[key] = value`, so a "__proto__" key SETS the prototype; with bytes there, yjs cannot encode the
  // value again (writeAny takes it for a Uint8Array). The server applied it, closed 4400 "update could not
  // be applied" (the item stayed in memory, never stored or broadcast), and threw on the next sync step 1
  // of the draft: outside any try, in the websocket message handler, which ends the process in production.
  it('[regression seed 717248453] a JSON value {"__proto__": bytes} in a supplier’s own draft neither crashes the server nor breaks the draft', async () => {
    const doc = new Y.Doc();
    doc.getMap(DRAFT_ROOTS.notes).set('k', Object.fromEntries([['__proto__', Uint8Array.of(1, 2, 3)]]));
    await expectOwnDraftFrameHandled(syncFrame(2, Y.encodeStateAsUpdate(doc)));
  });

  it('[regression seed 717248453] the frame the fuzz sent (case 89) neither crashes the server nor breaks the draft', async () => {
    const [frame] = fixtureFrames('seed-717248453-case-89.hex');
    await expectOwnDraftFrameHandled(frame!);
  });
});
