/**
 * Issue 15 with issue 11 (ADR 0008): behind a load balancer without sticky sessions, a phone may read the
 * board snapshot from one instance and open the wall's websocket on another. The snapshot holds what that
 * instance has stored (the bus brings it every change), and the websocket on the other instance then sends
 * only the rest: the copies end identical, and the wall is not refused as a write (4403).
 */
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardSnapshotPath, decodeBoardSnapshot } from '../../shared/protocol/boardSnapshot.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { type Instance, sameBrowserOn, startInstances, useClusterFixtures } from '../helpers/clusterInstances.js';
import { boardWithPeople, connectDevice, rooms, sameStateVector } from '../helpers/liveBoard.js';
import { cookieHeader, waitFor } from '../helpers/liveClients.js';
import { rawGet } from '../helpers/rawGet.js';

const cluster = useClusterFixtures();
const { open } = cluster;

describe('[#15] the board snapshot on several instances', () => {
  it('[#15] a snapshot read from one instance and a wall opened on another end as one copy, without a refusal', async () => {
    const [a, b] = (await startInstances(cluster.database, cluster.redis.url, 2, open)) as [Instance, Instance];
    const board = await boardWithPeople(a, { supplierCount: 3 });
    const [writer, other, joiner] = board.suppliers as [(typeof board.suppliers)[number], (typeof board.suppliers)[number], (typeof board.suppliers)[number]];
    const brief = open.add(await connectDevice(a.url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Bins are collected late' });
    const wallOnA = open.add(await connectDevice(a.url, rooms.wall(board.boardId), board.officer.client), (live) => live.destroy());
    const writerDraft = open.add(await connectDevice(a.url, rooms.draft(board.boardId, writer.personId), writer.client), (live) => live.destroy());
    const writerBrief = open.add(await connectDevice(a.url, rooms.brief(board.boardId), writer.client), (live) => live.destroy());
    await waitFor(() => writerBrief.doc.getMap(BRIEF_ROOTS.problems).size === 1, { what: 'the problem stored and sent' });
    for (let index = 0; index < 5; index += 1) addDraftNote(writerDraft.doc, { text: `Idea ${index} from instance A`, colour: 'yellow', targetId: problemId });
    await waitFor(() => readWallNotes(wallOnA.doc).size === 5, { what: 'five notes on the wall' });

    // The joiner's phone reads the snapshot from instance B once B's copy has the notes.
    const joinerOnB = await sameBrowserOn(b, joiner.client);
    let wall: Y.Doc | null = null;
    await waitFor(
      async () => {
        const answer = await rawGet(`${b.url}${boardSnapshotPath(board.boardId)}`, { cookie: cookieHeader(joinerOnB), 'accept-encoding': 'br' });
        expect(answer.status).toBe(200);
        const snapshot = decodeBoardSnapshot(brotliDecompressSync(answer.body));
        if (!snapshot) throw new Error('not a board snapshot');
        wall = new Y.Doc();
        Y.applyUpdate(wall, snapshot.wall);
        return readWallNotes(wall).size === 5;
      },
      { what: 'instance B serves the five notes' },
    );
    // A note written meanwhile on A, by someone else, after the snapshot.
    const otherDraft = open.add(await connectDevice(a.url, rooms.draft(board.boardId, other.personId), other.client), (live) => live.destroy());
    addDraftNote(otherDraft.doc, { text: 'A later idea, after the snapshot', colour: 'blue', targetId: problemId });
    await waitFor(() => readWallNotes(wallOnA.doc).size === 6, { what: 'the later note on the wall' });

    // Its wall's websocket opens on instance A with the snapshot's copy.
    const joinerWall = open.add(await connectDevice(a.url, rooms.wall(board.boardId), joiner.client, { doc: wall! }), (live) => live.destroy()); // reason: set in the wait above
    await waitFor(() => sameStateVector(joinerWall.doc, wallOnA.doc), { what: 'the joiner’s copy identical to instance A’s' });
    expect(readWallNotes(joinerWall.doc).size).toBe(6);
    expect(joinerWall.closes).toEqual([]);
  }, 60_000);
});
