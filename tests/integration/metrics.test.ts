/**
 * Issue 11 (started): `GET /metrics` answers in Prometheus's text format with the instance's levels and
 * counters, and its numbers follow what happens (a connection opens, a write is refused).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { boardWithPeople, closeOf, connectDevice, Disposables, rooms } from '../helpers/liveBoard.js';
import { connectRaw, waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

async function scrape(url: string): Promise<{ type: string | null; text: string }> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  return { type: response.headers.get('content-type'), text: await response.text() };
}

function valueOf(text: string, metric: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${metric} `) || candidate.startsWith(`${metric}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

describe('[#11.metrics] GET /metrics', () => {
  let server: TestServer;
  const open = new Disposables();

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  it('[#11.metrics] reports connections, loaded boards, the store and event-loop lag, and refusals by rule', async () => {
    const before = await scrape(server.url);
    expect(before.type).toContain('text/plain');
    for (const metric of ['oiw_connections', 'oiw_boards_loaded', 'oiw_store_can_write', 'oiw_store_backlog_updates', 'oiw_nodejs_eventloop_lag_seconds']) {
      expect(before.text).toContain(`# TYPE ${metric}`);
    }
    expect(valueOf(before.text, 'oiw_connections')).toBe(0);
    expect(valueOf(before.text, 'oiw_store_can_write')).toBe(1);

    const board = await boardWithPeople(server, { supplierCount: 1 });
    const supplier = board.suppliers[0]!;
    const brief = open.add(await connectRaw(server.url, `${board.boardId}/brief`, supplier.client), (client) => client.close());
    await waitFor(async () => valueOf((await scrape(server.url)).text, 'oiw_connections') >= 1, { what: 'the connection counted' });
    expect(valueOf((await scrape(server.url)).text, 'oiw_boards_loaded')).toBe(1);

    // A supplier writing to the brief (officers only) is refused: counted under its rule.
    const forged = new Y.Doc();
    forged.getMap('problems').set('forged', 'a supplier writing the brief');
    brief.sendUpdate(Y.encodeStateAsUpdate(forged));
    expect((await closeOf(brief)).code).toBe(4403);
    await waitFor(async () => /oiw_refused_total\{rule="[^"]+"\} [1-9]/.test((await scrape(server.url)).text), { what: 'the refusal counted' });

    // Store calls are timed by method (the join and the documents' loads went through it).
    const after = (await scrape(server.url)).text;
    expect(after).toContain('# TYPE oiw_store_call_seconds histogram');
    expect(valueOf(after, 'oiw_store_call_seconds_count{method="loadDocument"}')).toBeGreaterThan(0);
    expect(valueOf(after, 'oiw_store_call_seconds_count{method="joinParticipant"}')).toBe(1);
    expect(after).toContain('# TYPE oiw_store_errors_total counter');
  });

  it('[#11.metrics] counts changes in, document messages out, and the publisher’s decisions and lag', async () => {
    const board = await boardWithPeople(server, { supplierCount: 1 });
    const supplier = board.suppliers[0]!;
    const connect = async (room: string, client = supplier.client) => open.add(await connectDevice(server.url, room, client), (live) => live.destroy());
    const brief = await connect(rooms.brief(board.boardId), board.officer.client);
    const wall = await connect(rooms.wall(board.boardId), board.officer.client);
    const draft = await connect(rooms.draft(board.boardId, supplier.personId));
    const before = (await scrape(server.url)).text;
    const decisionsBefore = valueOf(before, 'oiw_publisher_decisions_total');
    const problemId = addProblem(brief.doc, { title: 'Bins missed' });
    await waitFor(() => draft.provider.synced, { what: 'the draft in sync' });
    addDraftNote(draft.doc, { text: 'An idea', colour: 'yellow', targetId: problemId });
    await waitFor(() => readWallNotes(wall.doc).size === 1, { what: 'the note on the wall' });
    const after = (await scrape(server.url)).text;
    expect(valueOf(after, 'oiw_document_updates_in_total{source="connection"}')).toBeGreaterThanOrEqual(2);
    expect(valueOf(after, 'oiw_document_updates_in_total{source="server"}')).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'oiw_document_messages_out_total')).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'oiw_publisher_decisions_total')).toBeGreaterThan(decisionsBefore);
    expect(valueOf(after, 'oiw_publisher_lag_seconds_count')).toBeGreaterThanOrEqual(1);
  });
});
