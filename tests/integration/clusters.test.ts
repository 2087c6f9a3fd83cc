/**
 * Groups of notes live in the brief (issue 12, grouping): an officer's group and placements reach
 * participants live through the stock provider, and a participant cannot write them (the brief is
 * read-only to them: any write is refused whole with 4403 and nothing is applied or stored).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { createCluster, dissolveCluster, placeNote, readClusterState, renameCluster } from '../../shared/schema/clusters.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes, wallKeyFor } from '../../shared/schema/wall.js';
import {
  Disposables,
  boardWithPeople,
  closeOf,
  connectDevice,
  rooms,
  sameStateVector,
  syncMessagesOf,
  withServerRoom,
  type BoardWithPeople,
} from '../helpers/liveBoard.js';
import { connectRaw, docFromMessages, rootsJson, waitFor } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { stockProvider, type StockProvider } from '../helpers/stockProvider.js';

const FORBIDDEN = 4403;
const GROUP_ROOTS = [BRIEF_ROOTS.clusters, BRIEF_ROOTS.placements];

describe('groups of notes in the brief', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let officerBrief: StockProvider;
  let participantBrief: StockProvider;
  let problemId: string;
  let noteKey: string;
  const open = new Disposables();
  const participant = () => board.suppliers[0]!;

  function stock(room: string, client: BoardWithPeople['officer']['client']): StockProvider {
    return open.add(stockProvider(server.url, room, client), (provider) => provider.destroy());
  }

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 1 });
    officerBrief = stock(rooms.brief(board.boardId), board.officer.client);
    await waitFor(() => officerBrief.provider.synced, { what: 'the officer’s brief' });
    problemId = addProblem(officerBrief.doc, { title: 'Repairs need second visits' });
    const draft = open.add(await connectDevice(server.url, rooms.draft(board.boardId, participant().personId), participant().client), (live) =>
      live.destroy(),
    );
    const noteId = addDraftNote(draft.doc, { text: 'Let tenants send a photo', colour: 'yellow', targetId: problemId });
    noteKey = wallKeyFor(participant().personId, noteId);
    const wall = open.add(await connectDevice(server.url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
    await waitFor(() => readWallNotes(wall.doc).has(noteKey as never), { what: 'the note on the wall' });
    participantBrief = stock(rooms.brief(board.boardId), participant().client);
    await waitFor(() => participantBrief.provider.synced, { what: 'the participant’s brief' });
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  /** The server's copy of the group roots and the brief's state vector. */
  async function serverGroups(): Promise<{ json: Record<string, unknown>; vector: string }> {
    return withServerRoom(server, board.boardId, (room) => ({
      json: rootsJson(room.brief.doc, GROUP_ROOTS),
      vector: Buffer.from(Y.encodeStateVector(room.brief.doc)).toString('hex'),
    }));
  }

  it('[#12.grouping] a group the officer makes, renames, fills and dissolves is seen live by a participant', async () => {
    const clusterId = createCluster(officerBrief.doc, { title: 'Photos and evidence', targetId: problemId });
    placeNote(officerBrief.doc, noteKey, clusterId);
    await waitFor(() => readClusterState(participantBrief.doc).placements.get(noteKey) === clusterId, { what: 'the participant sees the placement' });
    const seen = readClusterState(participantBrief.doc);
    expect(seen.clustersByTarget.get(problemId)?.map((cluster) => cluster.title)).toEqual(['Photos and evidence']);

    renameCluster(officerBrief.doc, clusterId, 'Evidence from tenants');
    await waitFor(() => readClusterState(participantBrief.doc).clustersById.get(clusterId)?.title === 'Evidence from tenants', {
      what: 'the participant sees the new name',
    });

    dissolveCluster(officerBrief.doc, clusterId);
    await waitFor(() => readClusterState(participantBrief.doc).clustersById.size === 0, { what: 'the participant sees the group gone' });
    expect(readClusterState(participantBrief.doc).placements.size).toBe(0);
    await waitFor(() => sameStateVector(participantBrief.doc, officerBrief.doc), { what: 'both copies converge' });
    expect(rootsJson(participantBrief.doc, GROUP_ROOTS)).toEqual(rootsJson(officerBrief.doc, GROUP_ROOTS));
    expect(rootsJson(participantBrief.doc, GROUP_ROOTS)).toEqual((await serverGroups()).json);
    expect([...officerBrief.closes, ...participantBrief.closes]).toEqual([]);
  });

  it('[#12.grouping] a participant’s stock provider that makes a group in its copy is closed with 4403 and nothing changes', async () => {
    const clusterId = createCluster(officerBrief.doc, { title: 'Officer’s group', targetId: problemId });
    await waitFor(async () => (await serverGroups()).json[BRIEF_ROOTS.clusters] !== undefined && readClusterState(participantBrief.doc).clustersById.has(clusterId), {
      what: 'the participant has the officer’s group',
    });
    const before = await serverGroups();
    const forged = createCluster(participantBrief.doc, { title: 'A group no officer made', targetId: problemId });
    placeNote(participantBrief.doc, noteKey, forged);
    await waitFor(() => participantBrief.closes.length > 0, { what: 'the participant’s brief connection closed' });
    expect(participantBrief.closes[0]).toBe(FORBIDDEN);
    expect(await serverGroups()).toEqual(before);
    expect(readClusterState(officerBrief.doc).clustersById.has(forged)).toBe(false);
  });

  it('[#12.grouping] raw writes of groups and placements by a participant, as update or sync step 2, are refused with 4403', async () => {
    const clusterId = createCluster(officerBrief.doc, { title: 'Officer’s group', targetId: problemId });
    await waitFor(async () => Object.keys((await serverGroups()).json[BRIEF_ROOTS.clusters] as object).includes(clusterId), {
      what: 'the server has the officer’s group',
    });
    const writes: Array<(copy: Y.Doc) => void> = [
      (copy) => placeNote(copy, noteKey, clusterId),
      (copy) => dissolveCluster(copy, clusterId),
      (copy) => copy.getMap(BRIEF_ROOTS.clusters).set('forgedClusterId00000001', new Y.Map()),
    ];
    for (const write of writes) {
      for (const send of ['update', 'sync-step-2'] as const) {
        const before = await serverGroups();
        const connection = open.add(await connectRaw(server.url, rooms.brief(board.boardId), participant().client), (raw) => raw.close());
        connection.sendSyncStep1(new Y.Doc());
        await waitFor(() => syncMessagesOf(connection.received).some((message) => message.kind === 'step2'), { what: 'the server’s copy' });
        const copy = docFromMessages(connection.received);
        const vector = Y.encodeStateVector(copy);
        write(copy);
        const change = Y.encodeStateAsUpdate(copy, vector);
        if (send === 'update') connection.sendUpdate(change);
        else connection.sendSyncStep2(change);
        const close = await closeOf(connection);
        expect(close.code, `${send}: ${close.reason}`).toBe(FORBIDDEN);
        expect(await serverGroups()).toEqual(before);
      }
    }
  });
});
