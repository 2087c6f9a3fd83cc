/**
 * Fair and open (issue 13), the parts beside sealed ideas and questions: who took part (reach, counts only),
 * the moderation log everyone can read (never content or identity), the council's answers after the event,
 * problem details a supplier can act on, and all of it in the export record, never a hidden, sealed or
 * confidential idea or an email.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readWallOutcomes } from '../../shared/schema/councilOutcomes.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { problemDetailText, setProblemChoice } from '../../shared/schema/problemDetails.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes, wallKeyFor } from '../../shared/schema/wall.js';
import { boardReach } from '../../server/reach/boardReach.js';
import type { BrowserClient } from '../helpers/http.js';
import { Disposables, connectBoardSocket, connectDevice, personIdOf, rooms, withServerRoom } from '../helpers/liveBoard.js';
import { connectRaw, docFromMessages, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, createInviteLink, joinBoard, setUpFirstOfficer } from './scenario.js';
import { newBrowserClient, tokenFromUrl } from '../helpers/http.js';
import type { InviteLinkView } from '../../shared/protocol/api.js';

const open = new Disposables();
let server: TestServer;
let officer: BrowserClient;
let boardId: string;
let link: InviteLinkView;

type Ack = { ok: boolean; error?: { code: string } };

async function socketOf(client: BrowserClient): Promise<Socket> {
  return open.add(await connectBoardSocket(server.url, client, boardId), (socket) => socket.close());
}
async function send(client: BrowserClient, event: string, payload: unknown): Promise<Ack> {
  return (await (await socketOf(client)).timeout(5_000).emitWithAck(event, payload)) as Ack;
}
async function device(room: string, client: BrowserClient): Promise<LiveProvider> {
  return open.add(await connectDevice(server.url, room, client), (live) => live.destroy());
}
async function join(details: Record<string, unknown>): Promise<{ client: BrowserClient; personId: string }> {
  const client = await joinBoard(server.url, link, details as { name: string; organisation: string });
  return { client, personId: await personIdOf(client, boardId) };
}

beforeEach(async () => {
  server = await startTestServer();
  officer = await setUpFirstOfficer(server);
  const created = await createBoard(officer);
  boardId = created.board.id;
  link = created.participantLink;
});

afterEach(async () => {
  await open.disposeAll();
  await server.remove();
});

describe('[#13.reach] who took part', () => {
  it('[#13.reach] counts organisation sizes, SMEs and first-time suppliers from what suppliers said at join, never who; bad values are a 400', async () => {
    await join({ name: 'A', organisation: 'Micro Ltd', organisationSize: 'micro', workedBefore: 'no' });
    await join({ name: 'B', organisation: 'Small Ltd', organisationSize: 'small', workedBefore: 'yes' });
    await join({ name: 'C', organisation: 'Charity', organisationSize: 'vcse', workedBefore: 'no' });
    await join({ name: 'D', organisation: 'Big plc', organisationSize: 'large' });
    await join({ name: 'E', organisation: 'Quiet Ltd', organisationSize: 'not-said', workedBefore: 'not-sure' });
    const removed = await join({ name: 'F', organisation: 'Medium Ltd', organisationSize: 'medium', workedBefore: 'no' });
    await joinBoard(server.url, await createInviteLink(officer, boardId, { role: 'observer' }), { name: 'O', organisation: 'Audit' });
    expect((await officer.post(`/api/boards/${boardId}/participants/${removed.personId}/remove`, {})).status).toBe(200);

    const reach = await boardReach(server.store, boardId);
    expect(reach).toEqual({ participants: 5, bySize: { micro: 1, small: 1, medium: 0, large: 1, vcse: 1, 'not-said': 1 }, smes: 2, firstTime: 2 });
    const participant = await join({ name: 'G', organisation: 'Another Ltd' });
    const seen = await participant.client.get(`/api/boards/${boardId}/reach`);
    expect(seen.status).toBe(200);
    expect(seen.body.reach.participants).toBe(6);
    expect(seen.text).not.toMatch(/Micro Ltd|Charity|Big plc/);

    for (const bad of [{ organisationSize: 'huge' }, { workedBefore: 'maybe' }, { organisationSize: 3 }]) {
      const client = await newBrowserClient(server.url);
      const response = await client.post(`/api/join/${tokenFromUrl(link.url)}`, { name: 'H', organisation: 'Bad Ltd', acceptNotice: true, ...bad });
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.body.error.code).toBe('invalid-input');
    }
  });
});

describe('[#13.open] moderation log, council answers and problem details', () => {
  it('[#13.open] a participant reads every hide, restore and removal without content or identity; officers record the council’s answer after the event, shown on the wall and in the export', async () => {
    const officerId = await personIdOf(officer, boardId);
    const brief = await device(rooms.brief(boardId), officer);
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    brief.doc.transact(() => {
      problemDetailText(brief.doc, problemId, 'outcomeSought')!.insert(0, 'Fewer repeat visits');
      problemDetailText(brief.doc, problemId, 'timing')!.insert(0, 'Tender in spring 2027');
      setProblemChoice(brief.doc, problemId, 'projectStage', 'alpha');
      setProblemChoice(brief.doc, problemId, 'valueBand', '100k-500k');
    });
    const author = await join({ name: 'Tom Author', organisation: 'Author Works Ltd', email: 'tom@author-works.example.com' });
    const removedPerson = await join({ name: 'Rita Removed', organisation: 'Removed Co' });
    const reader = await join({ name: 'Rosa Reader', organisation: 'Reader Ltd' });
    const draft = await device(rooms.draft(boardId, author.personId), author.client);
    const keptId = addDraftNote(draft.doc, { text: 'Book the second visit at the first', colour: 'yellow', targetId: problemId });
    const hiddenId = addDraftNote(draft.doc, { text: 'Secret hidden text about a rival', colour: 'pink', targetId: problemId });
    addDraftNote(draft.doc, { text: 'Confidential pricing idea', colour: 'blue', targetId: problemId, visibility: 'confidential' });
    await withServerRoom(server, boardId, (room) => waitFor(() => readWallNotes(room.wall.doc).size === 2, { what: 'two notes on the wall' }));

    const hiddenKey = wallKeyFor(author.personId, hiddenId);
    expect(await send(officer, 'note-hide', { key: hiddenKey, reason: 'personal-data', detail: 'Names a rival firm’s staff' })).toMatchObject({ ok: true });
    expect(await send(officer, 'note-restore', { key: hiddenKey })).toMatchObject({ ok: true });
    expect(await send(officer, 'note-hide', { key: hiddenKey, reason: 'offensive', detail: '' })).toMatchObject({ ok: true });
    expect((await officer.post(`/api/boards/${boardId}/participants/${removedPerson.personId}/remove`, {})).status).toBe(200);

    const log = await reader.client.get(`/api/boards/${boardId}/moderation-log`);
    expect(log.status).toBe(200);
    expect(log.body.entries.map((entry: { kind: string; action: string; reason: string | null }) => [entry.kind, entry.action, entry.reason])).toEqual([
      ['note', 'hide', 'personal-data'],
      ['note', 'restore', null],
      ['note', 'hide', 'offensive'],
      ['person', 'remove', null],
    ]);
    for (const secret of ['Secret hidden text', 'rival', author.personId, removedPerson.personId, 'Rita', 'Tom', officerId, 'Priya']) expect(log.text).not.toContain(secret);
    expect((await newBrowserClient(server.url).then((stranger) => stranger.get(`/api/boards/${boardId}/moderation-log`))).status).toBe(401);

    // The council's answer: only after the event, only officers, only for ideas on the wall.
    const keptKey = wallKeyFor(author.personId, keptId);
    const answer = { kind: 'note', key: keptKey, outcome: 'taken-forward', reason: 'We will pilot this in the tender' };
    expect(await send(officer, 'outcome-set', answer)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(officer, 'phase-set', { phase: 'closed' })).toMatchObject({ ok: true });
    expect(await send(reader.client, 'outcome-set', answer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const bad of [{ ...answer, outcome: 'maybe' }, { ...answer, reason: 'x'.repeat(501) }, { ...answer, key: 'nonsense' }, { ...answer, kind: 'person' }, {}]) {
      expect(await send(officer, 'outcome-set', bad), JSON.stringify(bad).slice(0, 60)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await send(officer, 'outcome-set', { ...answer, key: hiddenKey })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await send(officer, 'outcome-set', answer)).toMatchObject({ ok: true });
    const watcher = open.add(await connectRaw(server.url, rooms.wall(boardId), reader.client), (raw) => raw.close());
    watcher.sendSyncStep1(new Y.Doc());
    await waitFor(() => readWallOutcomes(docFromMessages(watcher.received)).size === 1, { what: 'the council’s answer on the wall' });
    expect([...readWallOutcomes(docFromMessages(watcher.received)).values()][0]).toMatchObject({ outcome: 'taken-forward', reason: answer.reason });

    // Officers can tell those who gave an email.
    const emails = await officer.get(`/api/boards/${boardId}/outcome-emails.csv`);
    expect(emails.status).toBe(200);
    expect(emails.text).toContain('tom@author-works.example.com');
    expect(emails.text).toContain('Taken forward');
    expect((await reader.client.get(`/api/boards/${boardId}/outcome-emails.csv`)).status).toBe(403);

    // The record carries all of it, and no hidden or confidential text and no email in the reports.
    const json = await officer.get(`/api/boards/${boardId}/export/json`);
    expect(json.status).toBe(200);
    expect(json.body.problems[0].details).toEqual({ outcomeSought: 'Fewer repeat visits', projectStage: 'alpha', valueBand: '100k-500k', routeToMarket: '', timing: 'Tender in spring 2027' });
    expect(json.body.councilAnswers).toEqual([expect.objectContaining({ kind: 'note', item: 'Book the second visit at the first', outcome: 'taken-forward' })]);
    expect(json.body.moderationLog).toHaveLength(4);
    expect(json.body.reach).toMatchObject({ participants: 2 });
    for (const format of ['html', 'md']) {
      const report = await officer.get(`/api/boards/${boardId}/export/${format}`);
      expect(report.status).toBe(200);
      for (const words of ['Questions and answers', 'Moderation log', 'Who took part', 'Taken forward', 'Alpha', 'Tender in spring 2027']) expect(report.text, `${format}: ${words}`).toContain(words);
      for (const secret of ['Secret hidden text', 'Confidential pricing', 'author-works.example.com']) expect(report.text, `${format}: ${secret}`).not.toContain(secret);
    }
    const everything = [json.text, (await officer.get(`/api/boards/${boardId}/export/csv`)).text].join('\n');
    for (const secret of ['Confidential pricing', 'author-works.example.com']) expect(everything).not.toContain(secret);
  });
});
