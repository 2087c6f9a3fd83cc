import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_NOTE_TEXT_CHARS } from '../../shared/limits.js';
import { addDraftNote, deleteDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { readWall } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import { connectProvider, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { createBoard, joinBoard, setUpFirstOfficer } from './scenario.js';

describe('the live wall', () => {
  let server: TestServer;
  let officer: BrowserClient;
  let boardId: string;
  let supplierA: BrowserClient;
  let supplierB: BrowserClient;
  const live: LiveProvider[] = [];

  async function personIdOf(client: BrowserClient): Promise<string> {
    const response = await client.get(`/api/boards/${boardId}`);
    return response.body.documents.personId as string;
  }

  async function open(room: string, client: BrowserClient): Promise<LiveProvider> {
    const provider = await connectProvider(server.url, room, client);
    live.push(provider);
    return provider;
  }

  beforeEach(async () => {
    server = await startTestServer();
    officer = await setUpFirstOfficer(server);
    const created = await createBoard(officer);
    boardId = created.board.id;
    supplierA = await joinBoard(server.url, created.participantLink, { name: 'Ana Lopez', organisation: 'Fixit Ltd' });
    supplierB = await joinBoard(server.url, created.participantLink, { name: 'Ben Okafor', organisation: 'Repairly' });
  });

  afterEach(async () => {
    for (const provider of live.splice(0)) provider.destroy();
    await server.remove();
  });

  it('publishes a supplier’s note to everyone’s wall with the name and organisation the server knows', async () => {
    const brief = await open(`${boardId}/brief`, officer);
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    const personA = await personIdOf(supplierA);
    const draftA = await open(`${boardId}/drafts/${personA}`, supplierA);
    const wallB = await open(`${boardId}/wall`, supplierB);
    const wallOfficer = await open(`${boardId}/wall`, officer);
    const noteId = addDraftNote(draftA.doc, { text: 'Let tenants send a photo', colour: 'yellow', targetId: problemId });
    for (const wall of [wallB, wallOfficer]) {
      await waitFor(() => (readWall(wall.doc).notesByTarget.get(problemId)?.length ?? 0) === 1, { what: 'the note on the wall' });
      const [note] = readWall(wall.doc).notesByTarget.get(problemId) ?? [];
      expect(note?.text).toBe('Let tenants send a photo');
      expect(note?.authorName).toBe('Ana Lopez');
      expect(note?.authorOrganisation).toBe('Fixit Ltd');
      expect(note?.key).toBe(`${personA}:${noteId}`);
    }
    updateDraftNote(draftA.doc, noteId, { text: 'Let tenants send a photo or video' });
    await waitFor(() => readWall(wallB.doc).notesByTarget.get(problemId)?.[0]?.text === 'Let tenants send a photo or video', {
      what: 'the edit on the wall',
    });
    deleteDraftNote(draftA.doc, noteId);
    await waitFor(() => (readWall(wallB.doc).notesByTarget.get(problemId)?.length ?? 0) === 0, { what: 'the note gone' });
  });

  it('keeps an over-long note in the draft and off the wall', async () => {
    const brief = await open(`${boardId}/brief`, officer);
    const problemId = addProblem(brief.doc, { title: 'A problem' });
    const draftA = await open(`${boardId}/drafts/${await personIdOf(supplierA)}`, supplierA);
    const wallB = await open(`${boardId}/wall`, supplierB);
    // Written straight into the Y.Map, as a modified client would: the shared writer refuses long text.
    const longNote = new Y.Map<unknown>();
    draftA.doc.getMap('notes').set('longNoteId0123456789', longNote);
    longNote.set('text', 'x'.repeat(MAX_NOTE_TEXT_CHARS + 1));
    longNote.set('colour', 'yellow');
    longNote.set('targetId', problemId);
    longNote.set('createdAt', Date.now());
    longNote.set('visibility', 'public');
    addDraftNote(draftA.doc, { text: 'A short one', colour: 'green', targetId: problemId });
    await waitFor(() => (readWall(wallB.doc).notesByTarget.get(problemId)?.length ?? 0) === 1, { what: 'the short note' });
    expect(readWall(wallB.doc).notesByTarget.get(problemId)?.[0]?.text).toBe('A short one');
    expect(draftA.doc.getMap('notes').size).toBe(2);
  });

  it('ends with every copy of the wall identical to the server’s', async () => {
    const brief = await open(`${boardId}/brief`, officer);
    const problemId = addProblem(brief.doc, { title: 'A problem' });
    const draftA = await open(`${boardId}/drafts/${await personIdOf(supplierA)}`, supplierA);
    const draftB = await open(`${boardId}/drafts/${await personIdOf(supplierB)}`, supplierB);
    const walls = [await open(`${boardId}/wall`, supplierA), await open(`${boardId}/wall`, supplierB)];
    for (let index = 0; index < 4; index += 1) {
      addDraftNote(draftA.doc, { text: `A${index}`, colour: 'yellow', targetId: problemId });
      addDraftNote(draftB.doc, { text: `B${index}`, colour: 'blue', targetId: problemId });
    }
    const room = await server.server.rooms.acquire(boardId);
    try {
      await waitFor(() => readWall(room.wall.doc).notesByTarget.get(problemId)?.length === 8, { what: '8 notes on the server' });
      await waitFor(
        () => walls.every((wall) => Buffer.from(Y.encodeStateVector(wall.doc)).equals(Buffer.from(Y.encodeStateVector(room.wall.doc)))),
        { what: 'walls converged' },
      );
      for (const wall of walls) expect(wall.doc.getMap('notes').toJSON()).toEqual(room.wall.doc.getMap('notes').toJSON());
    } finally {
      server.server.rooms.release(room);
    }
  });

  it('keeps a confidential idea off every wall, and shows it to the board’s officers only', async () => {
    const brief = await open(`${boardId}/brief`, officer);
    const problemId = addProblem(brief.doc, { title: 'A problem' });
    const draftA = await open(`${boardId}/drafts/${await personIdOf(supplierA)}`, supplierA);
    const wallB = await open(`${boardId}/wall`, supplierB);
    addDraftNote(draftA.doc, { text: 'Our pricing idea, for the council only', colour: 'pink', targetId: problemId, visibility: 'confidential' });
    addDraftNote(draftA.doc, { text: 'A public idea', colour: 'green', targetId: problemId });
    await waitFor(() => (readWall(wallB.doc).notesByTarget.get(problemId)?.length ?? 0) === 1, { what: 'the public note' });
    expect(JSON.stringify(wallB.doc.getMap('notes').toJSON())).not.toContain('pricing');
    await waitFor(async () => (await officer.get(`/api/boards/${boardId}/confidential-notes`)).body.notes.length === 1, {
      what: 'the confidential note stored',
    });
    const listed = await officer.get(`/api/boards/${boardId}/confidential-notes`);
    expect(listed.body.notes[0]).toMatchObject({ text: 'Our pricing idea, for the council only', authorName: 'Ana Lopez', authorOrganisation: 'Fixit Ltd' });
    expect((await supplierB.get(`/api/boards/${boardId}/confidential-notes`)).status).toBe(403);
  });
});
