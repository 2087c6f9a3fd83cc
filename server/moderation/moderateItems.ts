/**
 * The one way the server hides and restores notes and comments (issue 12), used by the socket.io commands
 * (`note-hide`, `note-restore`, `comment-hide`, `comment-restore`, `person-hide-all`) and by removal with
 * "Also hide everything they posted" (REST). Order, always: check → store the actions (the log is the
 * audit: officer, time, reason) → apply them to the room's `ModerationState` → decide each author again
 * at once, so the wall loses (or regains) the item before the command is acknowledged.
 */
import type * as Y from 'yjs';
import type { ModeratedKind, ModerationReason } from '../../shared/schema/moderation.js';
import { parseWallKey } from '../../shared/schema/wall.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { ModerationActionRecord, ModerationPort, OfficersPort, ParticipantsPort } from '../store/store.js';

/** What moderating needs: the moderation log, and who is a person of the board (participant or officer). */
type ModerationStore = ModerationPort & Pick<ParticipantsPort, 'findParticipant'> & Pick<OfficersPort, 'isBoardOfficer'>;

/** Where each kind lives: its root in the author's draft and on the wall (both keyed by item id / wall key). */
const ROOTS_OF: Readonly<Record<ModeratedKind, { draft: string; wall: string }>> = {
  note: { draft: 'notes', wall: 'notes' },
  comment: { draft: 'comments', wall: 'comments' },
};

export interface Moderator {
  boardId: string;
  /** The officer's account id (from the session, never the payload). */
  officerId: string;
  now: number;
}

export type ModerationOutcome = { ok: true; changed: number } | { ok: false; code: 'not-found'; message: string };

/** True when `personId` is a participant (any role, removed or not) or an officer of the board. */
async function isPersonOfBoard(store: ModerationStore, boardId: string, personId: string): Promise<boolean> {
  const participant = await store.findParticipant(personId);
  if (participant) return participant.boardId === boardId;
  return store.isBoardOfficer(boardId, personId);
}

/** Hides one item (a note or comment, by wall key) with a reason; hiding it again replaces the reason. */
export async function hideItem(
  room: BoardRoom,
  store: ModerationStore,
  by: Moderator,
  item: { kind: ModeratedKind; key: string },
  why: { reason: ModerationReason; detail: string },
): Promise<ModerationOutcome> {
  const ids = parseWallKey(item.key);
  if (!ids || !(await isPersonOfBoard(store, by.boardId, ids.personId))) return notFound(item.kind);
  const draft = (await room.openDraft(ids.personId)).doc;
  const exists = draft.getMap(ROOTS_OF[item.kind].draft).has(ids.noteId) || room.wall.doc.getMap(ROOTS_OF[item.kind].wall).has(item.key);
  if (!exists) return notFound(item.kind);
  await record(room, store, [{ ...item, action: 'hide', reason: why.reason, detail: why.detail.trim(), ...stamp(by) }]);
  return { ok: true, changed: 1 };
}

/** Shows a hidden item again (the publisher decides it like any other: it returns if its draft allows). */
export async function restoreItem(room: BoardRoom, store: ModerationStore, by: Moderator, item: { kind: ModeratedKind; key: string }): Promise<ModerationOutcome> {
  if (!room.moderation.isHidden(item.kind, item.key)) {
    return { ok: false, code: 'not-found', message: `That ${item.kind} is not hidden.` };
  }
  await record(room, store, [{ ...item, action: 'restore', reason: null, detail: '', ...stamp(by) }]);
  return { ok: true, changed: 1 };
}

/**
 * Hides everything one person posted: every note and comment in their draft or on the wall now (items
 * already hidden keep their first reason). Resolves with how many items it hid.
 */
export async function hideEverythingOf(
  room: BoardRoom,
  store: ModerationStore,
  by: Moderator,
  personId: string,
  why: { reason: ModerationReason; detail: string },
): Promise<ModerationOutcome> {
  if (!(await isPersonOfBoard(store, by.boardId, personId))) {
    return { ok: false, code: 'not-found', message: 'There is no such person on this board.' };
  }
  const draft = (await room.openDraft(personId)).doc;
  const actions: ModerationActionRecord[] = [];
  for (const kind of ['note', 'comment'] as const) {
    for (const key of itemKeysOf(personId, kind, draft, room.wall.doc)) {
      if (room.moderation.isHidden(kind, key)) continue;
      actions.push({ kind, key, action: 'hide', reason: why.reason, detail: why.detail.trim(), ...stamp(by) });
    }
  }
  await record(room, store, actions);
  return { ok: true, changed: actions.length };
}

/** Wall keys of one person's items of a kind: from their draft and from the wall (either may lag the other). */
function itemKeysOf(personId: string, kind: ModeratedKind, draft: Y.Doc, wall: Y.Doc): Set<string> {
  const keys = new Set<string>();
  for (const itemId of draft.getMap(ROOTS_OF[kind].draft).keys()) {
    const key = `${personId}:${itemId}`;
    if (parseWallKey(key)) keys.add(key);
  }
  for (const key of wall.getMap(ROOTS_OF[kind].wall).keys()) {
    if (parseWallKey(key)?.personId === personId) keys.add(key);
  }
  return keys;
}

/** Stores the actions (one transaction), then applies them and decides each author again. */
async function record(room: BoardRoom, store: ModerationStore, actions: ModerationActionRecord[]): Promise<void> {
  if (actions.length === 0) return;
  await store.appendModerationActions(actions);
  for (const action of actions) room.moderation.apply(action);
  const authors = new Set(actions.map((action) => parseWallKey(action.key)?.personId).filter((id): id is string => id !== undefined));
  // Other instances read the hidden set again; the one that publishes the board decides the authors again.
  room.moderationChanged([...authors]);
  for (const personId of authors) {
    await room.openDraft(personId);
    await room.publisher.redecideNow(personId);
  }
}

function stamp(by: Moderator): Pick<ModerationActionRecord, 'boardId' | 'officerId' | 'at'> {
  return { boardId: by.boardId, officerId: by.officerId, at: by.now };
}

function notFound(kind: ModeratedKind): ModerationOutcome {
  return { ok: false, code: 'not-found', message: `There is no such ${kind} on this board.` };
}
