/**
 * Shared set-up of the issue-12 record-kind tests (votes, reactions, comments): a board with a problem and
 * notes on the wall, raw y-protocols clients writing drafts (nothing happens that the test does not write),
 * wall readers, and the officer's phase and voting-settings controls.
 */
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { NoteStatusPayload } from '../../shared/protocol/socketEvents.js';
import { setPhase, type BoardPhase } from '../../shared/schema/briefMeta.js';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem } from '../../shared/schema/problems.js';
import type { VotingSettings } from '../../shared/schema/votingSettings.js';
import { readWallNotes, type WallKey } from '../../shared/schema/wall.js';
import { readWallTallies, type WallTally } from '../../shared/schema/wallTallies.js';
import { connectBoardSocket, connectDevice, listenForNoteStatus, rooms, type Disposables, type NoteStatusListener, type Person } from '../helpers/liveBoard.js';
import { connectRaw, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import type { TestServer } from '../helpers/startServer.js';

export interface RawDraft {
  /** The writer's local copy: every change made to it is sent to the server as one update. */
  doc: Y.Doc;
}

/** A raw y-protocols connection to a person's own draft; changes to `doc` are sent as they happen. */
export async function rawDraft(server: TestServer, boardId: string, person: Person, disposables: Disposables): Promise<RawDraft> {
  const raw = disposables.add(await connectRaw(server.url, rooms.draft(boardId, person.personId), person.client), (client) => client.close());
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => raw.sendUpdate(update));
  return { doc };
}

export async function device(server: TestServer, room: string, person: Person, disposables: Disposables): Promise<LiveProvider> {
  return disposables.add(await connectDevice(server.url, room, person.client), (provider) => provider.destroy());
}

/** The officer's brief with one problem; returns the brief device and the problem id. */
export async function briefWithProblem(server: TestServer, boardId: string, officer: Person, disposables: Disposables) {
  const brief = await device(server, rooms.brief(boardId), officer, disposables);
  const problemId = addProblem(brief.doc, { title: 'Repairs need second visits' });
  return { brief, problemId };
}

/** `count` notes by `author` on the wall; resolves with their wall keys once `wall` shows them. */
export async function notesOnWall(
  server: TestServer,
  boardId: string,
  author: Person,
  problemId: string,
  count: number,
  wall: LiveProvider,
  disposables: Disposables,
): Promise<WallKey[]> {
  const draft = await device(server, rooms.draft(boardId, author.personId), author, disposables);
  const keys: WallKey[] = [];
  for (let index = 0; index < count; index += 1) {
    const noteId = addDraftNote(draft.doc, { text: `Idea ${index + 1} from ${author.name}`, colour: 'yellow', targetId: problemId, createdAt: Date.now() + index });
    keys.push(`${author.personId}:${noteId}` as WallKey);
  }
  await waitFor(() => keys.every((key) => readWallNotes(wall.doc).has(key)), { what: 'the notes on the wall' });
  return keys;
}

export function setBoardPhase(brief: LiveProvider, phase: BoardPhase): void {
  setPhase(brief.doc, phase);
}

/** Sends `voting-settings-set` as the officer and returns the acknowledgement. */
export async function setVotingSettings(socket: Socket, settings: VotingSettings): Promise<{ ok: boolean }> {
  return (await socket.timeout(5_000).emitWithAck('voting-settings-set', settings)) as { ok: boolean };
}

export async function officerSocket(server: TestServer, boardId: string, officer: Person, disposables: Disposables): Promise<Socket> {
  return disposables.add(await connectBoardSocket(server.url, officer.client, boardId), (socket) => socket.close());
}

export async function statusOf(server: TestServer, boardId: string, person: Person, disposables: Disposables): Promise<NoteStatusListener> {
  return disposables.add(await listenForNoteStatus(server.url, person.client, boardId), (listener) => listener.close());
}

/** The tally of one note on a wall copy ({} when none). */
export function tallyOf(wall: LiveProvider, key: WallKey): WallTally {
  return readWallTallies(wall.doc).get(key) ?? {};
}

/** Total dots on the wall copy. */
export function totalVotes(wall: LiveProvider): number {
  let total = 0;
  for (const tally of readWallTallies(wall.doc).values()) total += tally.votes ?? 0;
  return total;
}

/** The record outcomes of the latest note-status. */
export function recordsOf(listener: NoteStatusListener): NonNullable<NoteStatusPayload['records']> {
  return listener.latest()?.records ?? [];
}
