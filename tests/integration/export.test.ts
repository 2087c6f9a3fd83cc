/**
 * Officers' exports through the real REST API of a real server: notes posted by stock y-websocket clients,
 * read back from every format (the CSV with a CSV parser), no email anywhere, anonymous mode not changing
 * an officer's export, hidden notes flagged, and everyone but the board's own officers refused.
 */
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EXPORTS_PER_ACCOUNT_PER_MINUTE } from '../../shared/limits.js';
import { addDraftNote, readDraftNotes } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import type { BoardRecord } from '../../server/export/boardRecord.js';
import { readBoardRecord } from '../../server/export/readBoardRecord.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';
import { connectProvider, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { withServerRoom } from '../helpers/liveBoard.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import {
  createBoard,
  createInviteLink,
  expectError,
  expectStatus,
  FIRST_OFFICER,
  inviteNewOfficer,
  joinBoard as joinWithLink,
  setUpFirstOfficer,
} from './scenario.js';

const FORMATS = ['csv', 'json', 'html', 'md'] as const;
const TRICKY = '=1+2, "quoted", and\na second line';
const EMAILS = {
  ana: 'ana.lopez@fixit.example.co.uk',
  ben: 'ben.okafor@repairly.example.com',
  observer: 'olu@audit.example.org',
  coOfficer: 'sam.reid@council.example.gov.uk',
  otherOfficer: 'kim.lee@othercouncil.example.gov.uk',
};

describe('board exports', () => {
  let server: TestServer;
  let officer: BrowserClient;
  let boardId: string;
  let ana: BrowserClient;
  let ben: BrowserClient;
  let observer: BrowserClient;
  let anaId: string;
  let problemId: string;
  let stageId: string;
  const live: LiveProvider[] = [];

  async function personIdOf(client: BrowserClient): Promise<string> {
    return (await client.get(`/api/boards/${boardId}`)).body.documents.personId as string;
  }

  async function open(room: string, client: BrowserClient): Promise<LiveProvider> {
    const provider = await connectProvider(server.url, room, client);
    live.push(provider);
    return provider;
  }

  async function joinWithEmail(link: { url: string }, person: { name: string; organisation: string; email: string }): Promise<BrowserClient> {
    const client = await newBrowserClient(server.url);
    expectStatus(await client.post(`/api/join/${tokenFromUrl(link.url)}`, { ...person, acceptNotice: true }), 201);
    return client;
  }

  async function wallNoteCount(): Promise<number> {
    return withServerRoom(server, boardId, (room) => readWallNotes(room.wall.doc).size);
  }

  beforeEach(async () => {
    server = await startTestServer();
    officer = await setUpFirstOfficer(server);
    const created = await createBoard(officer);
    boardId = created.board.id;
    expectStatus(await officer.patch(`/api/boards/${boardId}`, { requiresEmail: true }), 200);
    ana = await joinWithEmail(created.participantLink, { name: 'Ana Lopez', organisation: 'Fixit Ltd', email: EMAILS.ana });
    ben = await joinWithEmail(created.participantLink, { name: 'Ben Okafor', organisation: 'Repairly', email: EMAILS.ben });
    const observerLink = await createInviteLink(officer, boardId, { role: 'observer' });
    observer = await joinWithEmail(observerLink, { name: 'Olu Watcher', organisation: 'Audit Office', email: EMAILS.observer });
    anaId = await personIdOf(ana);

    const brief = await open(`${boardId}/brief`, officer);
    problemId = addProblem(brief.doc, { title: 'Repairs need second visits', body: 'Tenants wait weeks.' });
    const mapId = addServiceMap(brief.doc, { title: 'Reporting a repair' });
    stageId = addStage(brief.doc, mapId, { title: 'Booking a visit' }) ?? '';
    const anaDraft = await open(`${boardId}/drafts/${anaId}`, ana);
    const benDraft = await open(`${boardId}/drafts/${await personIdOf(ben)}`, ben);
    const officerDraft = await open(`${boardId}/drafts/${await personIdOf(officer)}`, officer);
    addDraftNote(anaDraft.doc, { text: 'Let tenants send a photo', colour: 'yellow', targetId: problemId });
    addDraftNote(anaDraft.doc, { text: 'Only for officers', colour: 'yellow', targetId: problemId, visibility: 'confidential' });
    addDraftNote(benDraft.doc, { text: TRICKY, colour: 'blue', targetId: stageId });
    addDraftNote(officerDraft.doc, { text: 'We already offer evening slots', colour: 'green', targetId: stageId });
    await waitFor(async () => (await wallNoteCount()) === 3, { what: 'three notes on the wall', timeoutMs: 10_000 });
  });

  afterEach(async () => {
    for (const provider of live.splice(0)) provider.destroy();
    await server.remove();
  });

  it('[#12.export] the CSV parses back with a CSV parser and matches the board, formulas neutralised', async () => {
    const response = await officer.get(`/api/boards/${boardId}/export/csv`);
    expectStatus(response, 200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    // Named after the board and the day; content-disposition quotes the name only when it must.
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?future-of-library-services-\d{4}-\d\d-\d\d\.csv"?$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const rows = parse(response.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    const byText = new Map(rows.map((row) => [row.Text, row]));
    expect(byText.get('Let tenants send a photo')).toMatchObject({
      'Problem or stage': 'Repairs need second visits',
      Type: 'Problem',
      Author: 'Ana Lopez',
      Organisation: 'Fixit Ltd',
      Votes: '0',
      Hidden: 'No',
    });
    expect(byText.get(`'${TRICKY}`)).toMatchObject({ 'Problem or stage': 'Booking a visit', 'Service map': 'Reporting a repair', Author: 'Ben Okafor' });
    expect(byText.get('We already offer evening slots')).toMatchObject({ Author: 'Priya Shah', Organisation: 'Council officer' });
    for (const row of rows) {
      expect(Date.parse(row.Created ?? '')).toBeGreaterThan(0);
      expect(row.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    // A confidential idea never reaches an export.
    expect(response.text).not.toContain('Only for officers');
  });

  it('[#12.export] JSON, HTML and Markdown carry the same notes with the documented headers', async () => {
    const json = await officer.get(`/api/boards/${boardId}/export/json`);
    expectStatus(json, 200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const record = json.body as BoardRecord;
    expect(record).toMatchObject({ schema: 'open-ideas-wall/board-export', version: 1, board: { id: boardId, phase: 'open', isAnonymous: false } });
    expect(record.notes.map((note) => note.text).sort()).toEqual(['Let tenants send a photo', TRICKY, 'We already offer evening slots'].sort());
    expect(record.problems.map((problem) => problem.title)).toEqual(['Repairs need second visits']);
    expect(record.people.map((person) => person.name)).toEqual(['Ana Lopez', 'Ben Okafor', 'Priya Shah']);

    const html = await officer.get(`/api/boards/${boardId}/export/html`);
    expectStatus(html, 200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(html.headers.get('content-disposition')).toMatch(/^attachment; filename="?future-of-library-services-\d{4}-\d\d-\d\d\.html"?$/);
    expect(html.text).toContain('Problem: Repairs need second visits');
    expect(html.text).toContain('=1+2, &#34;quoted&#34;, and\na second line');

    const markdown = await officer.get(`/api/boards/${boardId}/export/md`);
    expectStatus(markdown, 200);
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(markdown.text).toContain('### Stage of “Reporting a repair”: Booking a visit');
    expect(markdown.text).toContain('\\=1\\+2, "quoted", and\\\n  a second line');
  });

  it('[#12.export] no export carries an email address, of officers or of participants', async () => {
    const coOfficer = await inviteNewOfficer(server.url, officer, boardId, { name: 'Sam Reid', email: EMAILS.coOfficer, password: 'another long passphrase' });
    const coOfficerDraft = await open(`${boardId}/drafts/${await personIdOf(coOfficer)}`, coOfficer);
    addDraftNote(coOfficerDraft.doc, { text: 'Second officer’s note', colour: 'green', targetId: problemId });
    await waitFor(async () => (await wallNoteCount()) === 4, { what: 'the co-officer’s note', timeoutMs: 10_000 });
    const emails = [FIRST_OFFICER.email, ...Object.values(EMAILS)];
    for (const format of FORMATS) {
      const response = await officer.get(`/api/boards/${boardId}/export/${format}`);
      expectStatus(response, 200);
      expect(response.text).toContain('Sam Reid');
      for (const email of emails) expect(response.text.toLowerCase(), `${format} holds ${email}`).not.toContain(email.toLowerCase());
      expect(response.text, `${format} holds something shaped like an email`).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
    }
  });

  it('[#12.export] anonymous mode keeps authors off the wall but not out of the officers’ export; tallies, comments and clusters appear', async () => {
    const brief = live[0]?.doc as Y.Doc;
    const anaKey = [...(await withServerRoom(server, boardId, (room) => readWallNotes(room.wall.doc))).keys()].find((key) => key.startsWith(anaId))!; // reason: Ana's note is on the wall (beforeEach)
    // What the other features write, in their documented shapes: officers' clusters in the brief; the
    // server's anonymity flag, tallies and published comments, and the wall without participants' names.
    brief.transact(() => {
      const cluster = new Y.Map<unknown>();
      brief.getMap('clusters').set('clusterPhotos00000001', cluster);
      cluster.set('title', 'Photos first');
      cluster.set('targetId', problemId);
      cluster.set('createdAt', Date.now());
      brief.getMap('placements').set(anaKey, 'clusterPhotos00000001');
    });
    await withServerRoom(server, boardId, (room) => {
      room.writeBriefMeta({ anonymous: true });
      room.wall.doc.transact(() => {
        room.wall.doc.getMap('people').clear();
        room.wall.doc.getMap('tallies').set(anaKey, { votes: 4, plusOne: 2, question: 1, doneThis: 3 });
        room.wall.doc
          .getMap('comments')
          .set(`${anaId}:commentOne0000000001`, { author: anaId, commentId: 'commentOne0000000001', noteKey: anaKey, text: 'Any phone works', createdAt: Date.now(), updatedAt: Date.now() });
      }, { source: 'server' });
    });
    await waitFor(async () => withServerRoom(server, boardId, (room) => room.brief.doc.getMap('placements').has(anaKey)), { what: 'the placement on the server' });
    const rows = parse((await officer.get(`/api/boards/${boardId}/export/csv`)).text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.find((row) => row.Text === 'Let tenants send a photo')).toMatchObject({
      Author: 'Ana Lopez',
      Organisation: 'Fixit Ltd',
      Cluster: 'Photos first',
      Votes: '4',
      'Plus one': '2',
      Question: '1',
      'We have done this': '3',
      Comments: '1',
    });
    const record = (await officer.get(`/api/boards/${boardId}/export/json`)).body as BoardRecord;
    expect(record.board.isAnonymous).toBe(true);
    expect(record.comments).toMatchObject([{ text: 'Any phone works', authorName: 'Ana Lopez', noteKey: anaKey }]);
    expect((await officer.get(`/api/boards/${boardId}/export/html`)).text).toMatch(/Cluster: Photos first <span class="caption">\(1 note, 4 votes\)/);
  });

  it('[#12.export] a hidden note carries its flag and reason, its text read from its author’s draft', async () => {
    const anaDraft = live.find((provider) => provider.provider.roomname.endsWith(anaId))?.doc as Y.Doc;
    // A note in the draft but not on the wall (aimed at a stage that does not exist: deferred) stands for
    // one moderation took off the wall: its text can only come from the draft.
    const offWallId = addDraftNote(anaDraft, { text: 'Short for now', colour: 'pink', targetId: 'stageNotThere0000001' });
    await waitFor(
      async () => withServerRoom(server, boardId, async (room) => readDraftNotes((await room.openDraft(anaId)).doc).has(offWallId)),
      { what: 'the note in the server’s copy of the draft' },
    );
    expect(await wallNoteCount()).toBe(3);
    const onWall = [...(await withServerRoom(server, boardId, (room) => readWallNotes(room.wall.doc))).values()].find((note) => note.text === 'Let tenants send a photo')!; // reason: published in beforeEach
    const board = (await server.store.findBoard(boardId))!; // reason: made in beforeEach
    const record = await readBoardRecord(
      {
        rooms: server.server.rooms,
        store: server.store,
        now: Date.now,
        hiddenNotes: {
          listHiddenNotes: async (id) =>
            id !== boardId
              ? []
              : [
                  { personId: anaId, noteId: onWall.noteId, reason: 'duplicate', reasonText: null, hiddenAt: Date.now() },
                  { personId: anaId, noteId: offWallId, reason: 'offensive', reasonText: 'Rude words', hiddenAt: Date.now() },
                ],
        },
      },
      board,
    );
    expect(record.notes.find((note) => note.noteId === onWall.noteId)).toMatchObject({ isHidden: true, hiddenReason: 'duplicate' });
    expect(record.notes.find((note) => note.noteId === offWallId)).toMatchObject({
      isHidden: true,
      hiddenReason: 'offensive',
      hiddenReasonText: 'Rude words',
      text: 'Short for now',
      targetKind: 'missing',
      authorName: 'Ana Lopez',
    });
    expect(record.notes.filter((note) => !note.isHidden)).toHaveLength(2);
  });

  it('[#12.export] participants, observers, strangers and other boards’ officers are refused; an unknown format is a 404', async () => {
    const otherBoard = (await createBoard(officer, { title: 'Another board', summary: 'Other', notice: 'Notice' })).board;
    const otherOfficer = await inviteNewOfficer(server.url, officer, otherBoard.id, { name: 'Kim Lee', email: EMAILS.otherOfficer, password: 'yet another passphrase' });
    const stranger = await newBrowserClient(server.url);
    for (const format of FORMATS) {
      const path = `/api/boards/${boardId}/export/${format}`;
      expectError(await ana.get(path), 403, 'forbidden');
      expectError(await observer.get(path), 403, 'forbidden');
      expectError(await otherOfficer.get(path), 404, 'not-found');
      expectError(await stranger.get(path), 401, 'unauthenticated');
    }
    expectStatus(await otherOfficer.get(`/api/boards/${otherBoard.id}/export/csv`), 200);
    expectError(await officer.get(`/api/boards/${boardId}/export/xlsx`), 404, 'not-found');
    expectError(await officer.get(`/api/boards/..%2F..%2Fetc/export/csv`), 400, 'invalid-input');
  });

  it('[#12.export] an officer who downloads too often is told to wait (429), others are not', async () => {
    for (let index = 0; index < EXPORTS_PER_ACCOUNT_PER_MINUTE; index += 1) expectStatus(await officer.get(`/api/boards/${boardId}/export/json`), 200);
    expectError(await officer.get(`/api/boards/${boardId}/export/json`), 429, 'rate-limited');
    const coOfficer = await inviteNewOfficer(server.url, officer, boardId, { name: 'Sam Reid', email: EMAILS.coOfficer, password: 'another long passphrase' });
    expectStatus(await coOfficer.get(`/api/boards/${boardId}/export/json`), 200);
  });
});

describe('board exports of a board nobody is on', () => {
  let server: TestServer;
  const opened: LiveProvider[] = [];

  afterEach(async () => {
    for (const provider of opened.splice(0)) provider.destroy();
    await server.remove();
  });

  it('[#12.export] loads the board to export it, with the notes published before everyone left', async () => {
    server = await startTestServer({ unloadAfterIdleMs: 50 });
    const officer = await setUpFirstOfficer(server);
    const { board, participantLink } = await createBoard(officer);
    const supplier = await joinWithLink(server.url, participantLink);
    const personId = (await supplier.get(`/api/boards/${board.id}`)).body.documents.personId as string;
    const brief = await connectProvider(server.url, `${board.id}/brief`, officer);
    const draft = await connectProvider(server.url, `${board.id}/drafts/${personId}`, supplier);
    opened.push(brief, draft);
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
    addDraftNote(draft.doc, { text: 'Written before the room emptied', colour: 'yellow', targetId: problemId });
    await waitFor(async () => withServerRoom(server, board.id, (room) => readWallNotes(room.wall.doc).size === 1), { what: 'the note on the wall' });
    brief.destroy();
    draft.destroy();
    await waitFor(async () => (await server.server.rooms.loaded(board.id)) === null, { what: 'the board unloaded', timeoutMs: 10_000 });
    const rows = parse((await officer.get(`/api/boards/${board.id}/export/csv`)).text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => [row.Text, row['Problem or stage'], row.Author])).toEqual([['Written before the room emptied', 'Repairs need second visits', 'Sam Jones']]);
  });
});
