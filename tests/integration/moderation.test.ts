/**
 * Moderation on the note (issue 12): officers hide a note (or comment) with a reason through socket.io
 * commands; the publisher takes it off the wall; the author is told why; restore republishes; removal can
 * hide everything a person posted. What other people receive is checked on the wire (raw y-protocols
 * clients' frames), not on a screen.
 */
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import {
  boardWithPeople,
  connectBoardSocket,
  Disposables,
  listenForNoteStatus,
  rooms,
  type BoardWithPeople,
  type Person,
} from '../helpers/liveBoard.js';
import { connectProvider, connectRaw, waitFor, type LiveProvider, type RawClient } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';

type AckAnswer = { ok: true; changed: number } | { ok: false; error: { code: string; message: string } };

describe('[#12.moderation] hiding notes', () => {
  let server: TestServer;
  let board: BoardWithPeople;
  let problemId: string;
  let author: Person;
  let other: Person;
  const disposables = new Disposables();
  /** The officer's copy of the wall: what the server's wall holds, a moment later. */
  let wallCopy: LiveProvider;

  async function open(room: string, person: Person): Promise<LiveProvider> {
    return disposables.add(await connectProvider(server.url, room, person.client), (live) => live.destroy());
  }

  async function raw(room: string, person: Person): Promise<RawClient> {
    const client = disposables.add(await connectRaw(server.url, room, person.client), (opened) => opened.close());
    // Ask for the whole document, as a joining client does: the answer is the server's current state.
    client.sendSyncStep1(new Y.Doc());
    return client;
  }

  async function socketOf(person: Person): Promise<Socket> {
    return disposables.add(await connectBoardSocket(server.url, person.client, board.boardId), (socket) => socket.close());
  }

  async function command(socket: Socket, event: string, payload: unknown): Promise<AckAnswer> {
    return (await socket.timeout(5_000).emitWithAck(event, payload)) as AckAnswer;
  }

  /** Every byte a raw client received after frame `from`, as text (Yjs strings are UTF-8 on the wire). */
  function wireText(client: RawClient, from = 0): string {
    return client.received
      .slice(from)
      .map((frame) => Buffer.from(frame).toString('utf8'))
      .join('\n');
  }

  async function publishNote(text: string, person = author): Promise<{ noteId: string; key: string; draft: LiveProvider }> {
    const draft = await open(rooms.draft(board.boardId, person.personId), person);
    const noteId = addDraftNote(draft.doc, { text, colour: 'yellow', targetId: problemId });
    const key = `${person.personId}:${noteId}`;
    await waitFor(() => readWallNotes(wallCopy.doc).has(key as never), { what: `“${text}” on the wall` });
    return { noteId, key, draft };
  }

  beforeEach(async () => {
    server = await startTestServer();
    board = await boardWithPeople(server, { supplierCount: 2 });
    [author, other] = board.suppliers as [Person, Person];
    const brief = await open(rooms.brief(board.boardId), board.officer);
    problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    wallCopy = await open(rooms.wall(board.boardId), board.officer);
  });

  afterEach(async () => {
    await disposables.disposeAll();
    await server.remove();
  });

  it('[#12.moderation] a hidden note leaves the wall and never reaches another participant or a late joiner, even after its author edits it', async () => {
    const watcher = await raw(rooms.wall(board.boardId), other);
    const { key, noteId, draft } = await publishNote('Call Dave on 07700 900123 for a discount');
    await waitFor(() => wireText(watcher).includes('Call Dave'), { what: 'the note reaching the other participant' });
    const framesBeforeHide = watcher.received.length;

    const officerSocket = await socketOf(board.officer);
    const answer = await command(officerSocket, 'note-hide', { key, reason: 'personal-data', detail: 'It gives a phone number.' });
    expect(answer).toEqual({ ok: true, changed: 1 });
    // Acknowledged once the wall has changed: the server's wall no longer holds it.
    await waitFor(() => !readWallNotes(wallCopy.doc).has(key as never), { what: 'the note gone from the wall' });

    updateDraftNote(draft.doc, noteId, { text: 'Call Dave on 07700 900999 instead' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const later = await raw(rooms.wall(board.boardId), other);
    await waitFor(() => later.received.length > 0, { what: 'the late joiner’s sync' });
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(wireText(watcher, framesBeforeHide)).not.toContain('Call Dave');
    expect(wireText(later)).not.toContain('Call Dave');
    expect(wireText(later)).not.toContain('07700');
    expect(readWallNotes(wallCopy.doc).has(key as never)).toBe(false);
    // Still in its author's draft: hiding takes nothing from the author.
    expect(draft.doc.getMap('notes').has(noteId)).toBe(true);
  });

  it('[#12.moderation] tells the author their note was hidden and why', async () => {
    const status = disposables.add(await listenForNoteStatus(server.url, author.client, board.boardId), (listener) => listener.close());
    const { key, noteId } = await publishNote('Our competitor is useless');
    const officerSocket = await socketOf(board.officer);
    expect((await command(officerSocket, 'note-hide', { key, reason: 'offensive', detail: 'Please keep it civil.' })).ok).toBe(true);
    await waitFor(() => (status.latest()?.notPublished ?? []).some((entry) => entry.noteId === noteId), { what: 'the note status' });
    const entry = status.latest()?.notPublished.find((item) => item.noteId === noteId);
    expect(entry).toMatchObject({ kind: 'refused', rule: 'hidden-by-officer' });
    expect(entry?.message).toBe('An officer hid this note: it is offensive. Please keep it civil.');
  });

  it('[#12.moderation] restore puts the note back on the wall as its author last wrote it', async () => {
    const status = disposables.add(await listenForNoteStatus(server.url, author.client, board.boardId), (listener) => listener.close());
    const { key, noteId, draft } = await publishNote('An idea that looked off-topic');
    const officerSocket = await socketOf(board.officer);
    await command(officerSocket, 'note-hide', { key, reason: 'off-topic' });
    await waitFor(() => !readWallNotes(wallCopy.doc).has(key as never), { what: 'hidden' });
    updateDraftNote(draft.doc, noteId, { text: 'An idea, now on topic' });
    await waitFor(() => (status.latest()?.notPublished ?? []).some((entry) => entry.rule === 'hidden-by-officer'), { what: 'hidden status' });

    expect(await command(officerSocket, 'note-restore', { key })).toEqual({ ok: true, changed: 1 });
    await waitFor(() => readWallNotes(wallCopy.doc).get(key as never)?.text === 'An idea, now on topic', { what: 'the note back' });
    await waitFor(() => (status.latest()?.notPublished ?? []).length === 0, { what: 'the status cleared' });
    // Restoring what is not hidden says so.
    expect(await command(officerSocket, 'note-restore', { key })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('[#12.moderation] refuses moderation commands from participants, and bad payloads from anyone', async () => {
    const { key } = await publishNote('A fair idea');
    const supplierSocket = await socketOf(other);
    for (const event of ['note-hide', 'comment-hide']) {
      expect(await command(supplierSocket, event, { key, reason: 'offensive' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await command(supplierSocket, 'note-restore', { key })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command(supplierSocket, 'person-hide-all', { personId: author.personId, reason: 'offensive' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(readWallNotes(wallCopy.doc).has(key as never)).toBe(true);

    const bad: unknown[] = [
      { key, reason: 'rude' },
      { key, reason: 'offensive', detail: 'x'.repeat(501) },
      { key, reason: 'offensive', detail: 'hidden\u200bcharacter' },
      { key: 'not-a-key', reason: 'offensive' },
      { key, reason: 'offensive', extra: true },
      { key: { $gt: '' }, reason: 'offensive' },
      null,
    ];
    for (const payload of bad) {
      // A fresh socket each time: a socket sending several bad payloads is disconnected (BadEventGuard).
      const officerSocket = await socketOf(board.officer);
      expect(await command(officerSocket, 'note-hide', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    // Well-formed but nobody's: not found, and no document is made up for it.
    const officerSocket = await socketOf(board.officer);
    const made = `${'Z'.repeat(20)}:${'Y'.repeat(20)}`;
    expect(await command(officerSocket, 'note-hide', { key: made, reason: 'offensive' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(readWallNotes(wallCopy.doc).has(key as never)).toBe(true);
  });

  it('[#12.moderation] person-hide-all hides every note of that person, on the wall or only in their draft, and nobody else’s', async () => {
    const first = await publishNote('First idea');
    await publishNote('Second idea');
    const kept = await publishNote('Someone else’s idea', other);
    // A note the author keeps private: hidden too, so it cannot reach the wall later.
    addDraftNote(first.draft.doc, { text: 'A confidential one', colour: 'blue', targetId: problemId, visibility: 'confidential' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const officerSocket = await socketOf(board.officer);
    const answer = await command(officerSocket, 'person-hide-all', { personId: author.personId, reason: 'commercial-in-confidence' });
    expect(answer).toEqual({ ok: true, changed: 3 });
    const mine = () => [...readWallNotes(wallCopy.doc).values()].filter((note) => note.author === author.personId);
    await waitFor(() => mine().length === 0, { what: 'their notes gone from the wall' });
    expect(readWallNotes(wallCopy.doc).has(kept.key as never)).toBe(true);
    // The log says who, what and why.
    const list = await board.officer.client.get(`/api/boards/${board.boardId}/moderation`);
    expect(list.status).toBe(200);
    expect(list.body.hidden).toHaveLength(3);
    expect(list.body.hidden.map((item: { text: string }) => item.text).sort()).toEqual(['A confidential one', 'First idea', 'Second idea']);
    expect(list.body.hidden[0]).toMatchObject({
      kind: 'note',
      authorId: author.personId,
      authorName: author.name,
      reason: 'commercial-in-confidence',
      hiddenBy: { id: board.officer.personId, name: board.officer.name },
    });
    expect(list.body.log).toHaveLength(3);
  });

  it('[#12.moderation] removing a participant with “also hide everything they posted” takes their notes off the wall', async () => {
    const { key } = await publishNote('Spam spam spam');
    const kept = await publishNote('A fair idea', other);
    const removal = await board.officer.client.post(`/api/boards/${board.boardId}/participants/${author.personId}/remove`, {
      hideEverything: { reason: 'offensive', detail: 'Removed for abuse.' },
    });
    expect(removal.status).toBe(200);
    expect(removal.body.hiddenItems).toBe(1);
    await waitFor(() => !readWallNotes(wallCopy.doc).has(key as never), { what: 'their note gone' });
    expect(readWallNotes(wallCopy.doc).has(kept.key as never)).toBe(true);

    const list = await board.officer.client.get(`/api/boards/${board.boardId}/moderation`);
    expect(list.body.hidden).toEqual([
      expect.objectContaining({ key, text: 'Spam spam spam', reason: 'offensive', detail: 'Removed for abuse.', authorName: author.name }),
    ]);
    // A bad reason is refused before anything happens.
    const refused = await board.officer.client.post(`/api/boards/${board.boardId}/participants/${other.personId}/remove`, {
      hideEverything: { reason: 'because' },
    });
    expect(refused.status).toBe(400);
    expect(readWallNotes(wallCopy.doc).has(kept.key as never)).toBe(true);
  });

  it('[#12.moderation] bulk removal can hide everything too', async () => {
    const { key } = await publishNote('One more spam');
    const removal = await board.officer.client.post(`/api/boards/${board.boardId}/participants/remove`, {
      participantIds: [author.personId],
      hideEverything: { reason: 'duplicate' },
    });
    expect(removal.status).toBe(200);
    expect(removal.body.hiddenItems).toBe(1);
    await waitFor(() => !readWallNotes(wallCopy.doc).has(key as never), { what: 'their note gone' });
  });

  it('[#12.moderation] only officers read the moderation list', async () => {
    const asSupplier = await other.client.get(`/api/boards/${board.boardId}/moderation`);
    expect(asSupplier.status).toBe(403);
    const asOfficer = await board.officer.client.get(`/api/boards/${board.boardId}/moderation`);
    expect(asOfficer.body).toEqual({ hidden: [], log: [] });
  });

  it('[#12.moderation] a comment can be hidden and restored, and the log keeps both actions', async () => {
    // A comment in its author's draft (the comments kind is built beside this one: any well-formed key).
    const draft = await open(rooms.draft(board.boardId, author.personId), author);
    const comment = new Y.Map<unknown>();
    draft.doc.getMap('comments').set('commentId0123456789', comment);
    comment.set('noteKey', 'x');
    comment.set('text', 'A rude comment');
    const key = `${author.personId}:commentId0123456789`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const officerSocket = await socketOf(board.officer);
    expect(await command(officerSocket, 'comment-hide', { key, reason: 'offensive' })).toEqual({ ok: true, changed: 1 });
    const list = await board.officer.client.get(`/api/boards/${board.boardId}/moderation`);
    expect(list.body.hidden).toEqual([expect.objectContaining({ kind: 'comment', key, text: 'A rude comment' })]);
    expect(await command(officerSocket, 'comment-restore', { key })).toEqual({ ok: true, changed: 1 });
    const after = await board.officer.client.get(`/api/boards/${board.boardId}/moderation`);
    expect(after.body.hidden).toEqual([]);
    expect(after.body.log.map((entry: { action: string }) => entry.action)).toEqual(['hide', 'restore']);
  });

  it('[#12.moderation] a hidden note stays hidden after a restart', async () => {
    const { key } = await publishNote('Hidden before the restart');
    const officerSocket = await socketOf(board.officer);
    await command(officerSocket, 'note-hide', { key, reason: 'duplicate' });
    await disposables.disposeAll();
    const dataDir = server.dataDir;
    await server.stop();
    server = await startTestServer({ dataDir });
    const later = await connectRaw(server.url, rooms.wall(board.boardId), other.client);
    disposables.add(later, (client) => client.close());
    later.sendSyncStep1(new Y.Doc());
    await waitFor(() => later.received.length > 0, { what: 'the sync' });
    // Long enough for the load's re-decision of every stored draft to have run.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(wireText(later)).not.toContain('Hidden before the restart');
  });
});
