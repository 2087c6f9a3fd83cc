import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { readWallTallies } from '../../shared/schema/wallTallies.js';
import type { WallKey } from '../../shared/schema/wall.js';
import { boardWithPeople, Disposables, personIdOf, rooms, type BoardWithPeople, type Person } from '../helpers/liveBoard.js';
import { docFromMessages, connectRaw, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { joinBoard } from './scenario.js';
import {
  briefWithProblem,
  device,
  notesOnWall,
  officerSocket,
  rawDraft,
  recordsOf,
  setBoardPhase,
  setVotingSettings,
  statusOf,
  tallyOf,
  totalVotes,
} from './votesLive.js';

describe('dot votes on the wall', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  const disposables = new Disposables();
  let brief: LiveProvider;
  let wall: LiveProvider;
  let notes: WallKey[];

  const supplier = (index: number): Person => board.suppliers[index]!; // reason: boardWithPeople made them

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 3 });
    const made = await briefWithProblem(server, board.boardId, board.officer, disposables);
    brief = made.brief;
    wall = await device(server, rooms.wall(board.boardId), supplier(2), disposables);
    notes = await notesOnWall(server, board.boardId, supplier(2), made.problemId, 3, wall, disposables);
  });

  afterEach(async () => {
    await disposables.disposeAll();
    await server.remove();
  });

  it('[#12.votes] counts no vote beyond a person’s budget and tells the voter why', async () => {
    const socket = await officerSocket(server, board.boardId, board.officer, disposables);
    expect(await setVotingSettings(socket, { budget: 3, scope: 'person', hideUntilClosed: false })).toMatchObject({ ok: true });
    setBoardPhase(brief, 'voting');
    const status = await statusOf(server, board.boardId, supplier(0), disposables);
    const voter = await rawDraft(server, board.boardId, supplier(0), disposables);
    // 2 + 2 dots asked for, 3 allowed.
    voter.doc.transact(() => {
      for (const key of notes.slice(0, 2)) voter.doc.getMap(DRAFT_ROOTS.votes).set(key, 2);
    });
    await waitFor(() => totalVotes(wall) === 3, { what: 'three dots counted' });
    await waitFor(() => recordsOf(status).some((outcome) => outcome.rule === 'vote-budget'), { what: 'the voter told' });
    const refused = recordsOf(status).filter((outcome) => outcome.rule === 'vote-budget');
    expect(refused[0]?.message).toContain('used all 3 of your votes');
    // Never more than the budget, however long we watch.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(totalVotes(wall)).toBe(3);

    // Taking dots back frees the budget: the refused dots count now, earliest first.
    const [first, second] = notes.slice(0, 2).sort();
    expect(tallyOf(wall, first!).votes).toBe(2);
    expect(tallyOf(wall, second!).votes).toBe(1);
    voter.doc.getMap(DRAFT_ROOTS.votes).delete(first!);
    await waitFor(() => tallyOf(wall, second!).votes === 2 && tallyOf(wall, first!).votes === undefined, { what: 'the freed dots reused' });
    await waitFor(() => !recordsOf(status).some((outcome) => outcome.rule === 'vote-budget'), { what: 'nothing refused any more' });
  });

  it('[#12.votes] shares one budget among people whose organisation matches, and never goes over it', async () => {
    const joinAs = async (name: string, organisation: string): Promise<Person> => {
      const client = await joinBoard(server.url, board.participantLink, { name, organisation });
      return { client, personId: await personIdOf(client, board.boardId), name, organisation };
    };
    const alice = await joinAs('Alice Ng', 'Acme Repairs Ltd');
    const bob = await joinAs('Bob Ray', 'ACME repairs ltd.');
    const socket = await officerSocket(server, board.boardId, board.officer, disposables);
    await setVotingSettings(socket, { budget: 4, scope: 'organisation', hideUntilClosed: false });
    setBoardPhase(brief, 'voting');
    let highest = 0;
    wall.doc.on('update', () => (highest = Math.max(highest, totalVotes(wall))));
    const bobStatus = await statusOf(server, board.boardId, bob, disposables);
    const aliceDraft = await rawDraft(server, board.boardId, alice, disposables);
    const bobDraft = await rawDraft(server, board.boardId, bob, disposables);
    aliceDraft.doc.getMap(DRAFT_ROOTS.votes).set(notes[0]!, 3);
    await waitFor(() => totalVotes(wall) === 3, { what: 'Alice’s dots' });
    bobDraft.doc.transact(() => {
      bobDraft.doc.getMap(DRAFT_ROOTS.votes).set(notes[1]!, 3);
      bobDraft.doc.getMap(DRAFT_ROOTS.votes).set(notes[2]!, 2);
    });
    await waitFor(() => recordsOf(bobStatus).some((outcome) => outcome.rule === 'vote-budget'), { what: 'Bob told' });
    expect(recordsOf(bobStatus).find((outcome) => outcome.rule === 'vote-budget')?.message).toContain('Your organisation has used all 4');
    // The notice can overtake the wall's broadcast (which is stored first): wait for the wall.
    await waitFor(() => totalVotes(wall) === 4, { what: 'the shared budget used up' });
    expect(tallyOf(wall, notes[0]!).votes).toBe(3);
    // Both change at once: still never over the shared budget.
    aliceDraft.doc.getMap(DRAFT_ROOTS.votes).set(notes[0]!, 1);
    bobDraft.doc.getMap(DRAFT_ROOTS.votes).set(notes[2]!, 4);
    await waitFor(() => totalVotes(wall) === 4 && tallyOf(wall, notes[0]!).votes === 1, { what: 'the freed dots go to Bob' });
    expect(highest).toBeLessThanOrEqual(4);
  });

  it('[#12.votes] counts no vote before voting, and freezes the tallies when voting closes, also after a restart', async () => {
    const status = await statusOf(server, board.boardId, supplier(0), disposables);
    const voter = await rawDraft(server, board.boardId, supplier(0), disposables);
    voter.doc.getMap(DRAFT_ROOTS.votes).set(notes[0]!, 2);
    await waitFor(() => recordsOf(status).some((outcome) => outcome.rule === 'not-voting'), { what: 'told voting is not open' });
    expect(totalVotes(wall)).toBe(0);

    setBoardPhase(brief, 'voting');
    await waitFor(() => tallyOf(wall, notes[0]!).votes === 2, { what: 'counted once voting opens' });
    setBoardPhase(brief, 'closed');
    await waitFor(() => recordsOf(status).length === 0, { what: 'the status settled after close' });
    voter.doc.getMap(DRAFT_ROOTS.votes).set(notes[1]!, 1);
    voter.doc.getMap(DRAFT_ROOTS.votes).delete(notes[0]!);
    await waitFor(() => recordsOf(status).filter((outcome) => outcome.rule === 'board-closed' || outcome.rule === 'not-voting').length === 2, {
      what: 'told the change does not count',
    });
    expect(tallyOf(wall, notes[0]!).votes).toBe(2);
    expect(tallyOf(wall, notes[1]!).votes).toBeUndefined();

    // Restart on the same data: the wall keeps the frozen tallies, and later draft changes still do not count.
    await disposables.disposeAll();
    const dataDir = server.dataDir;
    await server.stop();
    server = await startTestServer({ dataDir });
    const after = await device(server, rooms.wall(board.boardId), supplier(2), disposables);
    const draftAgain = await device(server, rooms.draft(board.boardId, supplier(0).personId), supplier(0), disposables);
    draftAgain.doc.getMap(DRAFT_ROOTS.votes).set(notes[2]!, 5);
    const statusAfter = await statusOf(server, board.boardId, supplier(0), disposables);
    await waitFor(() => recordsOf(statusAfter).some((outcome) => outcome.recordId === notes[2]), { what: 'the new vote refused' });
    expect(tallyOf(after, notes[0]!).votes).toBe(2);
    expect(totalVotes(after)).toBe(2);
  });

  it('[#12.votes] sends participants no vote counts while votes are hidden, and shows them when voting closes', async () => {
    const socket = await officerSocket(server, board.boardId, board.officer, disposables);
    await setVotingSettings(socket, { budget: 5, scope: 'person', hideUntilClosed: true });
    setBoardPhase(brief, 'voting');
    const watcher = disposables.add(await connectRaw(server.url, rooms.wall(board.boardId), supplier(1).client), (client) => client.close());
    watcher.sendSyncStep1(new Y.Doc());
    const status = await statusOf(server, board.boardId, supplier(0), disposables);
    const voter = await rawDraft(server, board.boardId, supplier(0), disposables);
    voter.doc.getMap(DRAFT_ROOTS.votes).set(notes[0]!, 3);
    const reactor = await rawDraft(server, board.boardId, supplier(1), disposables);
    reactor.doc.getMap(DRAFT_ROOTS.reactions).set(notes[0]!, ['plus-one']);
    // The reaction arrives: the tick that decided the votes has been sent, with no vote count in it.
    await waitFor(() => tallyOf(wall, notes[0]!).plusOne === 1, { what: 'the reaction counted' });
    await waitFor(() => status.latest() !== null, { what: 'the voter’s status' });
    expect(recordsOf(status)).toEqual([]);
    await waitFor(() => readWallTallies(docFromMessages(watcher.received)).get(notes[0]!)?.plusOne === 1, { what: 'the watcher got the tally' });
    const seen = docFromMessages(watcher.received);
    expect(readWallTallies(seen).get(notes[0]!)).toEqual({ plusOne: 1 });
    expect(JSON.stringify(seen.getMap('tallies').toJSON())).not.toContain('votes');

    setBoardPhase(brief, 'closed');
    await waitFor(() => tallyOf(wall, notes[0]!).votes === 3, { what: 'the votes revealed at close' });
    expect(tallyOf(wall, notes[0]!).plusOne).toBe(1);
  });

  it('[#12.votes] refuses voting settings from a participant and out-of-range budgets', async () => {
    const participant = await officerSocket(server, board.boardId, supplier(0), disposables);
    const refused = (await participant.timeout(5_000).emitWithAck('voting-settings-set', { budget: 3, scope: 'person', hideUntilClosed: false })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const socket = await officerSocket(server, board.boardId, board.officer, disposables);
    for (const bad of [{ budget: 0, scope: 'person', hideUntilClosed: false }, { budget: 21, scope: 'person', hideUntilClosed: false }, { budget: 3, scope: 'team', hideUntilClosed: false }]) {
      expect(await socket.timeout(5_000).emitWithAck('voting-settings-set', bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
});
