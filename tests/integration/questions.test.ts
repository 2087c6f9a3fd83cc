/**
 * Clarification questions (issue 13): a supplier asks the council privately; officers see a queue; the
 * answer is published to everyone in ONE broadcast, with the asker anonymised: their person id, name,
 * organisation and email are in no frame other suppliers receive (websocket and socket.io).
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addProblem } from '../../shared/schema/problems.js';
import { MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, QUESTIONS_PER_WINDOW, readPublishedAnswers, type QuestionView } from '../../shared/schema/questions.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import type { BrowserClient } from '../helpers/http.js';
import { Disposables, boardWithPeople, connectBoardSocket, connectDevice, personIdOf, rooms, type BoardWithPeople, type Person } from '../helpers/liveBoard.js';
import { connectRaw, docFromMessages, waitFor, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createInviteLink, joinBoard } from './scenario.js';

const open = new Disposables();
let server: TestServer;
let board: BoardWithPeople;
let problemId: string;
let asker: Person & { email: string };

type Answer = { ok: boolean; error?: { code: string; message: string }; questions?: QuestionView[]; questionId?: string; publishedId?: string };

async function socketOf(client: BrowserClient): Promise<Socket> {
  return open.add(await connectBoardSocket(server.url, client, board.boardId), (socket) => socket.close());
}

async function send(socket: Socket, event: string, payload: unknown): Promise<Answer> {
  return (await socket.timeout(5_000).emitWithAck(event, payload)) as Answer;
}

async function rawWall(client: BrowserClient): Promise<RawClient> {
  const raw = open.add(await connectRaw(server.url, rooms.wall(board.boardId), client), (connection) => connection.close());
  raw.sendSyncStep1(new Y.Doc());
  await waitFor(() => raw.received.some((frame) => frame[0] === 0 && frame[1] === 1), { what: 'the wall at a raw client' });
  return raw;
}

function framesHolding(frames: readonly Uint8Array[], needles: readonly string[]): string[] {
  return frames.flatMap((frame, index) =>
    needles.filter((needle) => Buffer.from(frame).includes(Buffer.from(needle, 'utf8'))).map((needle) => `frame ${index} holds ${needle}`),
  );
}

function isUpdate(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 2;
}

beforeEach(async () => {
  server = await startTestServer();
  board = await boardWithPeople(server, { supplierCount: 2 });
  const details = { name: 'Asha Asker', organisation: 'Asker Analytics Ltd', email: 'asha@asker-analytics.example.com' };
  const client = await joinBoard(server.url, board.participantLink, details as { name: string; organisation: string });
  asker = { client, personId: await personIdOf(client, board.boardId), ...details };
  const brief = open.add(await connectDevice(server.url, rooms.brief(board.boardId), board.officer.client), (live) => live.destroy());
  problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
  await waitFor(async () => (await server.store.loadDocument(rooms.brief(board.boardId))).updates.length > 0 && brief.doc.getMap(BRIEF_ROOTS.problems).size > 0);
});

afterEach(async () => {
  await open.disposeAll();
  await server.remove();
});

describe('[#13.questions] clarification questions answered to all', () => {
  it('[#13.questions] the answer reaches every participant in one broadcast, and the asker’s identity is nowhere on the wire to other suppliers', async () => {
    const watchers = await Promise.all(board.suppliers.map((supplier) => rawWall(supplier.client)));
    const events: string[] = [];
    for (const supplier of board.suppliers) {
      const socket = await socketOf(supplier.client);
      socket.onAny((event: string, ...args: unknown[]) => events.push(`${event} ${JSON.stringify(args)}`));
    }
    const askerSocket = await socketOf(asker.client);
    const question = 'Will the new service need to integrate with the existing booking system?';
    const asked = await send(askerSocket, 'question-ask', { question, targetId: problemId });
    expect(asked).toMatchObject({ ok: true });

    // Officers see it in the queue, with who asked; another supplier sees nothing of it.
    const officerSocket = await socketOf(board.officer.client);
    const queue = await send(officerSocket, 'questions-list', {});
    expect(queue.questions).toEqual([expect.objectContaining({ id: asked.questionId, question, answer: null, askedBy: { name: asker.name, organisation: asker.organisation } })]);
    const otherSocket = await socketOf(board.suppliers[0]!.client); // reason: two suppliers
    expect((await send(otherSocket, 'questions-list', {})).questions).toEqual([]);
    expect((await send(askerSocket, 'questions-list', {})).questions).toEqual([expect.objectContaining({ question, answer: null, isMine: true })]);
    for (const watcher of watchers) expect(framesHolding(watcher.received, [question])).toEqual([]);

    const answer = 'Yes: it must read bookings from the current system through its published API.';
    const before = watchers.map((watcher) => watcher.received.length);
    const answered = await send(officerSocket, 'question-answer', { questionId: asked.questionId, answer });
    expect(answered).toMatchObject({ ok: true });
    for (const [index, watcher] of watchers.entries()) {
      await waitFor(() => readPublishedAnswers(docFromMessages(watcher.received)).length === 1, { what: 'the answer at every supplier' });
      const carrying = watcher.received.slice(before[index]).filter((frame) => isUpdate(frame) && framesHolding([frame], [answer]).length > 0);
      // One broadcast: a single update message holding question and answer together.
      expect(carrying).toHaveLength(1);
      expect(framesHolding(carrying, [question])).toHaveLength(1);
      expect(readPublishedAnswers(docFromMessages(watcher.received))[0]).toMatchObject({ question, answer, targetId: problemId });
    }
    // A late joiner gets it too; nobody but the officers ever gets anything naming the asker.
    const late = await rawWall(board.suppliers[1]!.client); // reason: two suppliers
    await waitFor(() => readPublishedAnswers(docFromMessages(late.received)).length === 1, { what: 'the answer at a late joiner' });
    const identity = [asker.personId, asker.name, asker.organisation, asker.email];
    for (const watcher of [...watchers, late]) expect(framesHolding(watcher.received, identity)).toEqual([]);
    expect(events.filter((event) => identity.some((needle) => event.includes(needle)))).toEqual([]);

    // The asker sees their question answered; answering again is refused.
    expect((await send(askerSocket, 'questions-list', {})).questions).toEqual([expect.objectContaining({ question, answer, isMine: true })]);
    expect(await send(officerSocket, 'question-answer', { questionId: asked.questionId, answer: 'Changed my mind' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // The record has the published question and answer, and nothing that names who asked.
    const exported = await board.officer.client.get(`/api/boards/${board.boardId}/export/json`);
    expect(exported.body.questionsAndAnswers).toEqual([expect.objectContaining({ question, answer, targetTitle: 'Repairs need second visits' })]);
    expect(framesHolding([Buffer.from(exported.text)], identity)).toEqual([]);
  });

  it('[#13.questions] bad input, the wrong people and too many questions get an acknowledgement error', async () => {
    const askerSocket = await socketOf(asker.client);
    const officerSocket = await socketOf(board.officer.client);
    const bad: unknown[] = [
      {},
      { question: '' },
      { question: '   ' },
      { question: 'x'.repeat(MAX_QUESTION_CHARS + 1) },
      { question: 42 },
      { question: 'Fine', targetId: 'not a valid id!' },
      { question: 'Fine', extra: true },
      null,
      'a question',
    ];
    // A fresh socket for each: the server disconnects a socket that keeps sending malformed events.
    for (const payload of bad) expect((await send(await socketOf(asker.client), 'question-ask', payload)).error?.code, JSON.stringify(payload)?.slice(0, 40)).toBe('invalid-input');
    // A well-formed id that is not a problem or stage of this board.
    expect((await send(askerSocket, 'question-ask', { question: 'Fine', targetId: 'AAAAAAAAAAAAAAAAAAAAA' })).error?.code).toBe('invalid-input');
    // Officers answer, they do not ask; observers only read; suppliers cannot answer.
    expect((await send(officerSocket, 'question-ask', { question: 'Hello' })).error?.code).toBe('forbidden');
    const observerLink = await createInviteLink(board.officer.client, board.boardId, { role: 'observer' });
    const observer = await joinBoard(server.url, observerLink, { name: 'Olu Watcher', organisation: 'Audit Office' });
    expect((await send(await socketOf(observer), 'question-ask', { question: 'Hello' })).error?.code).toBe('forbidden');
    const asked = await send(askerSocket, 'question-ask', { question: 'What is the budget?' });
    expect((await send(askerSocket, 'question-answer', { questionId: asked.questionId, answer: 'Lots' })).error?.code).toBe('forbidden');
    for (const payload of [{ questionId: asked.questionId, answer: '' }, { questionId: asked.questionId, answer: 'x'.repeat(MAX_ANSWER_CHARS + 1) }, { questionId: 'bad id', answer: 'x' }, {}]) {
      expect((await send(await socketOf(board.officer.client), 'question-answer', payload)).error?.code).toBe('invalid-input');
    }
    expect((await send(officerSocket, 'question-answer', { questionId: 'AAAAAAAAAAAAAAAAAAAAA', answer: 'x' })).error?.code).toBe('not-found');
    // Rate: a burst of questions is cut off with a plain message.
    for (let count = 1; count < QUESTIONS_PER_WINDOW; count += 1) expect(await send(askerSocket, 'question-ask', { question: `Question ${count}` })).toMatchObject({ ok: true });
    const limited = await send(askerSocket, 'question-ask', { question: 'One too many' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    expect((await send(askerSocket, 'questions-list', {})).questions).toHaveLength(QUESTIONS_PER_WINDOW);
  });
});
