/**
 * A whole engagement, played through the real server as people would (stock y-websocket providers and
 * socket.io commands), then published: the fixture of the record-log and public-pages tests (issue 13).
 *
 * It leaves on purpose things that must NEVER reach the public: a hidden note, a confidential idea, emails,
 * names and organisations, each with characters that change under HTML, JSON and URL encoding.
 */
import type { Socket } from 'socket.io-client';
import { addMyComment } from '../../shared/schema/draftComments.js';
import { addDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { setMyVotes } from '../../shared/schema/draftVotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import { readWallComments } from '../../shared/schema/wallComments.js';
import { readWallNotes, type WallKey } from '../../shared/schema/wall.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';
import { connectBoardSocket, Disposables, personIdOf, rooms } from '../helpers/liveBoard.js';
import { connectProvider, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import type { TestServer } from '../helpers/startServer.js';
import { createBoard, expectStatus, FIRST_OFFICER, setUpFirstOfficer } from './scenario.js';

/** Texts that must never be public, and what each person is called (also never public). */
export const SECRETS = {
  hiddenNote: 'Hidden <b>idea</b> & “quotes” from Ana: call 07700 900123',
  confidentialNote: 'Confidential pricing: £42k <script>alert(1)</script> for Ben',
  emails: ['ana.lopez@fixit.example.co.uk', 'ben.okafor+bid@repairly.example.com'],
  names: ['Ana Lopez', 'Ben Okafor', 'Priya Shah'],
  organisations: ['Fixit & Sons Ltd', 'Repairly <Partners>'],
};

/** Texts that ARE public on the record. */
export const PUBLIC_TEXTS = {
  anaNote: 'Let tenants send a photo of the repair',
  anaNoteEdited: 'Let tenants send a photo or a video of the repair',
  benNote: 'Book the visit in the same call',
  officerNote: 'We already offer evening slots',
  comment: 'Photos from any phone would do',
};

export const PIPELINE_DETAILS = {
  listedInPipeline: true,
  serviceArea: 'Housing repairs',
  projectStage: 'discovery',
  startsOn: '2026-11-02',
  endsOn: '2026-12-18',
  howToTakePart: 'Join the online event with the event code we send to suppliers who ask.',
};

export interface PublishedBoard {
  officer: BrowserClient;
  boardId: string;
  ana: BrowserClient;
  ben: BrowserClient;
  anaId: string;
  benId: string;
  disposables: Disposables;
  officerSocket: Socket;
}

async function command(socket: Socket, event: string, payload: unknown): Promise<void> {
  const answer = (await socket.timeout(5_000).emitWithAck(event, payload)) as { ok: boolean; error?: unknown };
  if (!answer.ok) throw new Error(`${event} refused: ${JSON.stringify(answer.error)}`);
}

/** Plays the engagement; `publish: false` stops at "closed". */
export async function playEngagement(server: TestServer, options: { publish?: boolean } = {}): Promise<PublishedBoard> {
  const disposables = new Disposables();
  const open = async (room: string, client: BrowserClient): Promise<LiveProvider> =>
    disposables.add(await connectProvider(server.url, room, client), (live) => live.destroy());
  const officer = await setUpFirstOfficer(server);
  const { board, participantLink } = await createBoard(officer);
  const boardId = board.id;
  expectStatus(await officer.patch(`/api/boards/${boardId}`, { requiresEmail: true, ...PIPELINE_DETAILS }), 200);
  const join = async (index: number): Promise<BrowserClient> => {
    const client = await newBrowserClient(server.url);
    const person = { name: SECRETS.names[index], organisation: SECRETS.organisations[index], email: SECRETS.emails[index], acceptNotice: true };
    expectStatus(await client.post(`/api/join/${tokenFromUrl(participantLink.url)}`, person), 201);
    return client;
  };
  const ana = await join(0);
  const ben = await join(1);
  const [anaId, benId, officerId] = await Promise.all([personIdOf(ana, boardId), personIdOf(ben, boardId), personIdOf(officer, boardId)]);

  const brief = await open(rooms.brief(boardId), officer);
  const problemId = addProblem(brief.doc, { title: 'Repairs need second visits', body: 'Tenants wait weeks for a second visit.' });
  const mapId = addServiceMap(brief.doc, { title: 'Reporting a repair' });
  const stageId = addStage(brief.doc, mapId, { title: 'Booking a visit' }) ?? '';
  const wall = await open(rooms.wall(boardId), officer);
  const onWall = (count: number) => waitFor(() => readWallNotes(wall.doc).size === count, { timeoutMs: 10_000 });

  const anaDraft = await open(rooms.draft(boardId, anaId), ana);
  const benDraft = await open(rooms.draft(boardId, benId), ben);
  const officerDraft = await open(rooms.draft(boardId, officerId), officer);
  const anaNote = addDraftNote(anaDraft.doc, { text: PUBLIC_TEXTS.anaNote, colour: 'yellow', targetId: problemId });
  const hiddenNote = addDraftNote(anaDraft.doc, { text: SECRETS.hiddenNote, colour: 'pink', targetId: problemId });
  addDraftNote(benDraft.doc, { text: SECRETS.confidentialNote, colour: 'blue', targetId: stageId, visibility: 'confidential' });
  addDraftNote(benDraft.doc, { text: PUBLIC_TEXTS.benNote, colour: 'blue', targetId: stageId });
  const officerNote = addDraftNote(officerDraft.doc, { text: PUBLIC_TEXTS.officerNote, colour: 'green', targetId: stageId });
  await onWall(4);
  // An edit (after the coalescing window, so it is its own change on the wall).
  await new Promise((resolve) => setTimeout(resolve, 600));
  updateDraftNote(anaDraft.doc, anaNote, { text: PUBLIC_TEXTS.anaNoteEdited });
  await waitFor(() => [...readWallNotes(wall.doc).values()].some((note) => note.text === PUBLIC_TEXTS.anaNoteEdited), { timeoutMs: 10_000 });
  addMyComment(benDraft.doc, `${anaId}:${anaNote}` as WallKey, PUBLIC_TEXTS.comment);
  await waitFor(() => readWallComments(wall.doc).size === 1, { timeoutMs: 10_000 });

  const officerSocket = disposables.add(await connectBoardSocket(server.url, officer, boardId), (socket) => socket.close());
  await command(officerSocket, 'note-hide', { key: `${anaId}:${hiddenNote}`, reason: 'personal-data', detail: `It gives a phone number; ${SECRETS.emails[0]}` });
  await onWall(3);

  await command(officerSocket, 'voting-settings-set', { budget: 3, scope: 'organisation', hideUntilClosed: false });
  await command(officerSocket, 'phase-set', { phase: 'voting' });
  setMyVotes(anaDraft.doc, `${officerId}:${officerNote}` as WallKey, 2);
  await waitFor(() => [...wall.doc.getMap<{ votes?: number }>('tallies').values()].some((tally) => tally.votes === 2), { timeoutMs: 10_000 });
  await command(officerSocket, 'phase-set', { phase: 'closed' });
  if (options.publish !== false) {
    await command(officerSocket, 'phase-set', { phase: 'published' });
    await waitFor(async () => (await server.store.findPublishedRecord(boardId)) !== null, { timeoutMs: 10_000 });
  }
  return { officer, boardId, ana, ben, anaId, benId, disposables, officerSocket };
}

/** Every form a text may take in a response: as is, HTML-, JSON- and URL-encoded, and HTML numeric escapes. */
export function encodingsOf(text: string): string[] {
  const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const numeric = text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const json = JSON.stringify(text).slice(1, -1);
  const jsonAscii = json.replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const xmlHex = text.replace(/[&<>"']/g, (character) => `&#x${character.charCodeAt(0).toString(16)};`);
  return [...new Set([text, html, numeric, json, jsonAscii, encodeURIComponent(text), encodeURI(text), xmlHex])];
}

/** Distinctive pieces of each secret (a leak of part of a text is a leak too). */
export function secretNeedles(): string[] {
  return [
    SECRETS.hiddenNote,
    'Hidden <b>idea</b>',
    '07700 900123',
    SECRETS.confidentialNote,
    'Confidential pricing',
    '<script>alert(1)</script>',
    ...SECRETS.emails,
    ...SECRETS.names,
    ...SECRETS.organisations,
    'Fixit',
    'Repairly',
    'It gives a phone number',
  ].flatMap(encodingsOf);
}

export { FIRST_OFFICER };
