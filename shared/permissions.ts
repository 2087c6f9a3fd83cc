/**
 * Who may read and write which document, as data. Every write permission is a whole document
 * (ARCHITECTURE.md): the server decides from the room name alone, before it allocates anything.
 */
import { isWellFormedId } from './ids.js';

/** Kinds of document a board has. */
export const DOCUMENT_KINDS = { brief: 'brief', wall: 'wall', draft: 'draft' } as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[keyof typeof DOCUMENT_KINDS];

/** A valid room name, parsed. Only drafts carry a person id: the draft's author. */
export type ParsedRoom =
  | { boardId: string; kind: 'brief' }
  | { boardId: string; kind: 'wall' }
  | { boardId: string; kind: 'draft'; personId: string };

/** Access to a document: 'write' implies read. */
export type Access = 'write' | 'read' | 'none';

/** The authenticated person asking for a document. */
export interface Actor {
  role: 'officer' | 'participant' | 'observer';
  /** Account id (officers) or participant id. */
  personId: string;
  /** True when this officer is an officer of the room's board. Ignored for other roles. */
  isOfficerOfBoard: boolean;
  /**
   * The board a participant or observer session belongs to (sessions are board-scoped); null for
   * officers. A participant or observer gets 'none' on every other board's rooms.
   */
  boardId: string | null;
}

/** How the actor stands to the room's board. */
type Standing = 'board-officer' | 'participant' | 'observer';
/** How the actor stands to a draft: its author or not ('any' for briefs and walls). */
type Ownership = 'own' | 'other' | 'any';

/** One rule: in a document of `kind`, someone with `standing` (and `ownership` of a draft) gets `access`. */
export interface AccessRule {
  id: string;
  kind: DocumentKind;
  standing: Standing;
  ownership: Ownership;
  access: Exclude<Access, 'none'>;
}

/** Every access anyone has. Anything not listed is 'none'; nobody writes the wall. */
export const ACCESS_RULES: readonly AccessRule[] = [
  { id: 'A1', kind: 'brief', standing: 'board-officer', ownership: 'any', access: 'write' },
  { id: 'A2', kind: 'brief', standing: 'participant', ownership: 'any', access: 'read' },
  { id: 'A3', kind: 'brief', standing: 'observer', ownership: 'any', access: 'read' },
  { id: 'A4', kind: 'wall', standing: 'board-officer', ownership: 'any', access: 'read' },
  { id: 'A5', kind: 'wall', standing: 'participant', ownership: 'any', access: 'read' },
  { id: 'A6', kind: 'wall', standing: 'observer', ownership: 'any', access: 'read' },
  { id: 'A7', kind: 'draft', standing: 'board-officer', ownership: 'own', access: 'write' },
  { id: 'A8', kind: 'draft', standing: 'board-officer', ownership: 'other', access: 'read' },
  { id: 'A9', kind: 'draft', standing: 'participant', ownership: 'own', access: 'write' },
];

function standingOf(actor: Actor, boardId: string): Standing | null {
  switch (actor.role) {
    case 'officer':
      return actor.isOfficerOfBoard ? 'board-officer' : null;
    case 'participant':
    case 'observer':
      return actor.boardId === boardId ? actor.role : null;
    default:
      return assertNever(actor.role);
  }
}

function assertNever(value: never): never {
  throw new TypeError(`Unexpected value: ${String(value)}`);
}

/** The rule that grants `actor` access to `room`, or null when none does (access 'none'). */
export function accessRuleFor(actor: Actor, room: ParsedRoom): AccessRule | null {
  const standing = standingOf(actor, room.boardId);
  if (standing === null || !isWellFormedId(actor.personId)) return null;
  const ownership: Ownership = room.kind === 'draft' ? (room.personId === actor.personId ? 'own' : 'other') : 'any';
  return ACCESS_RULES.find((rule) => rule.kind === room.kind && rule.standing === standing && rule.ownership === ownership) ?? null;
}

/** What `actor` may do with the document of `room`. */
export function accessFor(actor: Actor, room: ParsedRoom): Access {
  return accessRuleFor(actor, room)?.access ?? 'none';
}

/** Longest valid room name: two ids of 40 and the `/drafts/` between them. */
export const MAX_ROOM_NAME_CHARS = 40 + '/drafts/'.length + 40;

const ROOM_NAME = /^([A-Za-z0-9_-]{16,40})\/(?:(brief)|(wall)|drafts\/([A-Za-z0-9_-]{16,40}))$/;

/**
 * Parses a room name: `<boardId>/brief`, `<boardId>/wall` or `<boardId>/drafts/<personId>`, with
 * well-formed ids. Anything else is null: other kinds, extra or empty segments, `..`, percent-encoding,
 * whitespace, a trailing slash or a non-string. Decode nothing before calling (the name is matched as is).
 */
export function parseRoomName(name: unknown): ParsedRoom | null {
  if (typeof name !== 'string' || name.length > MAX_ROOM_NAME_CHARS) return null;
  const match = ROOM_NAME.exec(name);
  if (match === null) return null;
  const [, boardId, brief, wall, personId] = match;
  if (boardId === undefined) return null;
  if (brief !== undefined) return { boardId, kind: 'brief' };
  if (wall !== undefined) return { boardId, kind: 'wall' };
  return personId === undefined ? null : { boardId, kind: 'draft', personId };
}

/** The room name of a parsed room: the inverse of `parseRoomName`. */
export function roomNameFor(room: ParsedRoom): string {
  return room.kind === 'draft' ? `${room.boardId}/drafts/${room.personId}` : `${room.boardId}/${room.kind}`;
}
