/**
 * Everything the server keeps goes through a Store. The embedded implementation is SQLite (sqlite.ts);
 * a PostgreSQL one can be added behind the same contract tests (tests/contract/storeContract.ts).
 * Times are milliseconds since the epoch. Methods that find nothing return null, never throw.
 */
import type { FairnessStore } from './fairnessStore.js';
import type { InviteRole, BoardStatus, OfficerChangeAction } from '../../shared/protocol/api.js';
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import type { BoardSchedule } from '../../shared/schema/schedule.js';
import type { ModeratedKind, ModerationAction, ModerationReason } from '../../shared/schema/moderation.js';
import type { RecordLogPort } from './recordLogPort.js';
import type { PublicRecordsPort } from './publicRecordsPort.js';
import type { PipelineDetails } from '../../shared/schema/pipeline.js';

export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: number;
}

export interface BoardRecord {
  id: string;
  title: string;
  summary: string;
  notice: string;
  status: BoardStatus;
  createdAt: number;
  updatedAt: number;
  /** "Ask people for their email when they join": joining then needs a valid email. Off when absent. */
  requiresEmail?: boolean;
  /** The board's entry in the open pipeline (issue 13); absent: not listed. */
  pipeline?: PipelineDetails;
}

export interface InviteLinkRecord {
  id: string;
  boardId: string;
  role: InviteRole;
  /** The secret part of the join URL. Kept in full: officers show the link again and again. */
  token: string;
  /** Event code for participant links, e.g. `HKN-4821`. */
  code: string | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface OfficerInvitationRecord {
  id: string;
  tokenHash: string;
  boardId: string;
  email: string;
  invitedBy: string;
  createdAt: number;
  /** When it was accepted (it is single-use). */
  usedAt: number | null;
  /**
   * The account the email address had when the invitation was made, or null. Only that account sees it on
   * its dashboard; an invitation made before an account existed needs its link (it is never honoured by
   * email address alone).
   */
  inviteeAccountId: string | null;
  expiresAt: number;
  declinedAt: number | null;
  withdrawnAt: number | null;
}

/** A board's officer and when they became one. */
export interface BoardOfficerRecord {
  account: AccountRecord;
  addedAt: number;
}

/** Why an invitation could not be answered: it is no longer open, or not there (or not yours). */
export type OfficerInvitationRefusal = 'not-found' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

/** Removing an officer: done, or why not. */
export type OfficerRemoval = 'removed' | 'not-officer' | 'last-officer' | 'actor-not-officer';

/** One change to who runs a board (the officer audit). `subject` is an account id or an invitation id, never a token. */
export interface OfficerChangeRecord {
  boardId: string;
  actorAccountId: string;
  action: OfficerChangeAction;
  subject: string;
  at: number;
}

/**
 * One change an officer made to a board's workshop settings (anonymous mode, and any setting that has no
 * audit of its own): who, when, which setting and its new value as JSON. Never a participant's content.
 */
export interface BoardSettingChangeRecord {
  boardId: string;
  /** The officer's person id on the board (their account id). */
  actorPersonId: string;
  /** The setting's name, e.g. 'anonymous' (a brief meta field). */
  setting: string;
  /** The new value as JSON, e.g. 'true'. */
  valueJson: string;
  at: number;
}

export interface ParticipantRecord {
  id: string;
  boardId: string;
  role: InviteRole;
  name: string;
  organisation: string;
  email: string | null;
  inviteLinkId: string;
  createdAt: number;
  removedAt: number | null;
  /** `personIdentityKey(name, organisation)` (shared/text/identityKey.ts) at join; null for rows older than it. */
  identityKey?: string | null;
  /** Hash of the joining browser's id cookie: a removal bars that browser from the board. */
  browserKey?: string | null;
  /** The officer account that removed them. */
  removedBy?: string | null;
  /** When an officer lifted the bar that the removal put on this person's browser and details ("let back in"). */
  letBackInAt?: number | null;
  letBackInBy?: string | null;
}

/** What joining a board came to: one transaction decides it, so two racing joins cannot both win. */
export type JoinOutcome =
  | { kind: 'joined'; participant: ParticipantRecord }
  /** The same browser with the same details: their earlier, still active record (same person, same draft). */
  | { kind: 'returned'; participant: ParticipantRecord }
  /** Someone removed from the board with this browser, these details or this email, and not let back in. */
  | { kind: 'barred' }
  /** Someone else on the board already holds the same (folded) name and organisation. */
  | { kind: 'taken'; holder: ParticipantRecord }
  | { kind: 'board-full' };

/** What a removal bars: any of these matching a removed participant who was not let back in. */
export interface BarCheck {
  browserKey?: string | null;
  identityKey?: string | null;
  email?: string | null;
}

export type SessionKind = 'officer' | 'participant' | 'observer';

export interface SessionRecord {
  /** SHA-256 of the cookie's token: a stolen database does not hold live session tokens. */
  tokenHash: string;
  kind: SessionKind;
  accountId: string | null;
  participantId: string | null;
  boardId: string | null;
  createdAt: number;
  expiresAt: number;
}

/** A document as stored: the last snapshot (if any) and every update appended after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update read, for compaction. 0 when none. */
  throughSeq: number;
}

/** The size of a document's stored log after its snapshot. */
export interface DocumentLogSize {
  /** Log rows after the snapshot. */
  updates: number;
  /** Their total bytes. */
  updateBytes: number;
  /** Bytes of the stored snapshot (0 when none). */
  snapshotBytes: number;
  /** The log position the snapshot covers (0 when none). */
  snapshotThroughSeq: number;
}

export interface DocumentAppend {
  documentName: string;
  update: Uint8Array;
}

/** How often one person on a board was refused by one rule (never what they sent). */
export interface RefusalCount {
  personId: string;
  rule: string;
  count: number;
  lastAt: number;
}

/**
 * The store's mirror of a board's workshop state (the brief's `meta.phase` and `meta.schedule`), so REST,
 * admission and the scheduler know it without loading the board. `phase` is null until first mirrored.
 */
export interface BoardPhaseRecord {
  boardId: string;
  phase: BoardPhase | null;
  opensAt: number | null;
  closesAt: number | null;
}

/** One change of phase, for the officers' audit: by an officer's command, the schedule, or an officer's page. */
export interface PhaseChangeRecord {
  boardId: string;
  /** The officer's account id; 'schedule' for the scheduler; null when an officer's page wrote the brief itself. */
  actor: string | null;
  from: BoardPhase;
  to: BoardPhase;
  at: number;
}

/** One moderation action (issue 12): an officer hid or restored a note or comment. The log is append-only. */
export interface ModerationActionRecord {
  boardId: string;
  kind: ModeratedKind;
  /** The item's wall key (`<personId>:<itemId>`). */
  key: string;
  action: ModerationAction;
  /** Why (hide only; null for restore). */
  reason: ModerationReason | null;
  /** The officer's free text (at most 500 characters; empty when none). */
  detail: string;
  /** The officer's account id. */
  officerId: string;
  at: number;
}

export interface Store extends FairnessStore, RecordLogPort, PublicRecordsPort {
  /** True when the store answers a trivial query (for /readyz). */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;

  countAccounts(): Promise<number>;
  createAccount(account: AccountRecord): Promise<void>;
  findAccountByEmail(email: string): Promise<AccountRecord | null>;
  findAccountById(id: string): Promise<AccountRecord | null>;

  /** Set-up tokens let the first officer in. Stored as hashes. */
  createSetupToken(tokenHash: string, createdAt: number): Promise<void>;
  isSetupTokenUnused(tokenHash: string): Promise<boolean | null>;
  /**
   * Creates the first officer with the token, in one transaction: succeeds only while the token is unused
   * AND no account exists yet. Returns false when either check fails (the link was used).
   */
  useSetupTokenForFirstAccount(tokenHash: string, account: AccountRecord, usedAt: number): Promise<boolean>;

  createBoard(board: BoardRecord, ownerAccountId: string | null): Promise<void>;
  findBoard(id: string): Promise<BoardRecord | null>;
  updateBoard(
    id: string,
    changes: Partial<Pick<BoardRecord, 'title' | 'summary' | 'notice' | 'status' | 'requiresEmail' | 'pipeline'>>,
    updatedAt: number,
  ): Promise<BoardRecord | null>;
  listBoardsOfOfficer(accountId: string): Promise<BoardRecord[]>;
  countBoards(): Promise<number>;
  /** Boards nobody owns yet (the demo board before the first officer exists). */
  listBoardsWithoutOfficers(): Promise<BoardRecord[]>;

  addBoardOfficer(boardId: string, accountId: string, addedAt: number): Promise<void>;
  isBoardOfficer(boardId: string, accountId: string): Promise<boolean>;
  listBoardOfficers(boardId: string): Promise<AccountRecord[]>;

  /** Stores the invitation and audits 'invited' (by `invitedBy`) in one transaction. */
  createOfficerInvitation(invitation: OfficerInvitationRecord): Promise<void>;
  findOfficerInvitationByTokenHash(tokenHash: string): Promise<OfficerInvitationRecord | null>;
  /** Invitations of the board still open at `now` (not accepted, declined, withdrawn or expired). */
  listOpenOfficerInvitations(boardId: string, now?: number): Promise<OfficerInvitationRecord[]>;
  /**
   * Creates the account and adds it to the board of THIS invitation only, marking it used and auditing
   * 'invitation-accepted', in one transaction. False when the invitation is no longer open at `usedAt`
   * or the email already has an account. Other invitations to the same email are left alone.
   */
  acceptOfficerInvitation(invitationId: string, account: AccountRecord, usedAt: number): Promise<boolean>;
  findOfficerInvitation(invitationId: string): Promise<OfficerInvitationRecord | null>;
  /** Open invitations made to this existing account (its dashboard's "Invitations to you"). */
  listOfficerInvitationsForAccount(accountId: string, now: number): Promise<OfficerInvitationRecord[]>;
  /**
   * An existing account accepts: adds it to the invitation's one board, marks the invitation used and audits,
   * in one transaction. Refused unless the invitation is open and its email is the account's.
   */
  acceptOfficerInvitationAsAccount(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal>;
  /** The invited account says no: closes the invitation and audits, in one transaction. */
  declineOfficerInvitation(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal>;
  /** An officer of the board withdraws an open invitation of that board, audited in the same transaction. */
  withdrawOfficerInvitation(boardId: string, invitationId: string, actorAccountId: string, at: number): Promise<'done' | OfficerInvitationRefusal>;
  /** The board's officers with when each was added, oldest first. */
  listBoardOfficersWithDates(boardId: string): Promise<BoardOfficerRecord[]>;
  /**
   * Removes an officer from a board (the actor removing themselves is leaving), never the last one: the
   * checks, the delete and the audit row are one transaction, so two officers removing each other at the
   * same moment leave one.
   */
  removeBoardOfficer(boardId: string, accountId: string, actorAccountId: string, at: number): Promise<OfficerRemoval>;
  /** The board's officer audit, oldest first. */
  listOfficerChanges(boardId: string): Promise<OfficerChangeRecord[]>;
  /** Audits one change of a board setting by an officer (durable before it resolves). */
  recordBoardSettingChange(change: BoardSettingChangeRecord): Promise<void>;
  /** The board's setting changes, oldest first. */
  listBoardSettingChanges(boardId: string): Promise<BoardSettingChangeRecord[]>;

  createInviteLink(link: InviteLinkRecord): Promise<void>;
  findInviteLinkByToken(token: string): Promise<InviteLinkRecord | null>;
  findInviteLinkByCode(code: string): Promise<InviteLinkRecord | null>;
  findInviteLink(boardId: string, linkId: string): Promise<InviteLinkRecord | null>;
  listInviteLinks(boardId: string): Promise<InviteLinkRecord[]>;
  revokeInviteLink(boardId: string, linkId: string, revokedAt: number): Promise<InviteLinkRecord | null>;

  /** Adds a participant unless the board already has `maxPeople`; returns false when full. */
  createParticipant(participant: ParticipantRecord, maxPeople: number): Promise<boolean>;
  findParticipant(id: string): Promise<ParticipantRecord | null>;
  listParticipants(boardId: string): Promise<ParticipantRecord[]>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;

  /** Reads a Yjs document: snapshot plus its log. An unknown name gives an empty document. */
  loadDocument(documentName: string): Promise<StoredDocument>;
  /**
   * Appends updates to their documents' logs in ONE durable transaction (group commit), in the given order.
   * Resolves only once committed, with the log position (seq) of each update, in the same order: callers
   * broadcast after this, never before, and compaction uses the seqs to know what a snapshot covers.
   */
  appendDocumentUpdates(appends: DocumentAppend[]): Promise<number[]>;
  /**
   * Stores `snapshot` as the document's state through log position `throughSeq` and deletes exactly the log
   * rows it covers (seq <= throughSeq), in one transaction (a crash leaves old or new, never half). The caller
   * guarantees `snapshot` contains every update of this document with seq <= throughSeq; rows appended after
   * that are kept, whenever the call runs. A snapshot older than the stored one (lower throughSeq) is ignored.
   */
  compactDocument(documentName: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** How much log the document has after its snapshot (for compaction policy and tests; reads no update bytes). */
  describeDocumentLog(documentName: string): Promise<DocumentLogSize>;
  /** The board's document epoch: clients cache documents per epoch and drop caches of another. */
  findDocumentEpoch(boardId: string): Promise<string | null>;

  /** Counts a refusal for the audit: board, person and rule only. */
  recordRefusal(boardId: string, personId: string, rule: string, at: number): Promise<void>;
  listRefusals(boardId: string): Promise<RefusalCount[]>;

  /**
   * Names of the stored documents (with a snapshot or any logged update) that start with `prefix`, in
   * order: e.g. every draft of a board, `<boardId>/drafts/`, so the publisher can re-decide them at load.
   */
  listDocumentNames(prefix: string): Promise<string[]>;
  /**
   * Commits one tiny write (for /readyz): resolves when the store can write now, throws the store's own
   * error (disk full, read-only, I/O) when it cannot. Reads answering is not enough to be ready.
   */
  probeWrite(at: number): Promise<void>;
  /**
   * Joins a board in ONE transaction, first match wins: barred (a removed participant, not let back in, with
   * the same browserKey, identityKey or email) → 'barred'; an active participant (not removed, link not
   * revoked) with the same identityKey → 'returned' when it also has the same browserKey, else 'taken'; the board at `maxPeople` → 'board-full';
   * otherwise the participant is added → 'joined'.
   */
  joinParticipant(participant: ParticipantRecord, maxPeople: number): Promise<JoinOutcome>;
  /** True when a removal on this board (not lifted) bars any of the given browser, details or email. */
  isBarredFromBoard(boardId: string, check: BarCheck): Promise<boolean>;
  /**
   * Removes each listed participant of the board who is not removed yet, in one transaction, recording who
   * removed them; their sessions stop resolving and their browser and details are barred. Returns the
   * participants removed by this call (ids of other boards, unknown or already removed are skipped).
   */
  removeParticipants(boardId: string, participantIds: readonly string[], removedAt: number, removedBy: string): Promise<ParticipantRecord[]>;
  /**
   * Lifts the bar a removal put on this participant's browser and details ("let back in"): they may join
   * again (as a new participant; the removed record stays removed). Null when not a removed participant of
   * the board; the record unchanged when already let back in.
   */
  letParticipantBackIn(boardId: string, participantId: string, at: number, by: string): Promise<ParticipantRecord | null>;

  /** Mirrors the board's phase (see BoardPhaseRecord), keeping its schedule. */
  recordBoardPhase(boardId: string, phase: BoardPhase, at: number): Promise<void>;
  /** Mirrors the board's schedule, keeping its phase. */
  recordBoardSchedule(boardId: string, schedule: BoardSchedule, at: number): Promise<void>;
  /** The board's mirrored phase and schedule, or null when nothing was mirrored yet. */
  findBoardPhase(boardId: string): Promise<BoardPhaseRecord | null>;
  /** Every board with an opening or closing time set (the scheduler's list at start). */
  listScheduledBoards(): Promise<BoardPhaseRecord[]>;
  /** Appends one phase change to the audit. */
  recordPhaseChange(change: PhaseChangeRecord): Promise<void>;
  /** The board's phase changes, oldest first. */
  listPhaseChanges(boardId: string): Promise<PhaseChangeRecord[]>;
  /** Appends moderation actions (all of one board) in ONE transaction, in order: all are stored or none. */
  appendModerationActions(actions: readonly ModerationActionRecord[]): Promise<void>;
  /** The board's moderation log, oldest first. */
  listModerationActions(boardId: string): Promise<ModerationActionRecord[]>;
  /** What is hidden on the board now: for each item whose latest action is 'hide', that action. */
  listHiddenItems(boardId: string): Promise<ModerationActionRecord[]>;
}
