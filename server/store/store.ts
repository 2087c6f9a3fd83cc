/**
 * Everything the server keeps goes through a Store. The embedded implementation is SQLite (sqlite.ts);
 * a PostgreSQL one can be added behind the same contract tests (tests/contract/storeContract.ts).
 * Times are milliseconds since the epoch. Methods that find nothing return null, never throw.
 */
import type { InviteRole, BoardStatus } from '../../shared/protocol/api.js';

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
  usedAt: number | null;
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

export interface Store {
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
  updateBoard(id: string, changes: Partial<Pick<BoardRecord, 'title' | 'summary' | 'notice' | 'status'>>, updatedAt: number): Promise<BoardRecord | null>;
  listBoardsOfOfficer(accountId: string): Promise<BoardRecord[]>;
  countBoards(): Promise<number>;
  /** Boards nobody owns yet (the demo board before the first officer exists). */
  listBoardsWithoutOfficers(): Promise<BoardRecord[]>;

  addBoardOfficer(boardId: string, accountId: string, addedAt: number): Promise<void>;
  isBoardOfficer(boardId: string, accountId: string): Promise<boolean>;
  listBoardOfficers(boardId: string): Promise<AccountRecord[]>;

  createOfficerInvitation(invitation: OfficerInvitationRecord): Promise<void>;
  findOfficerInvitationByTokenHash(tokenHash: string): Promise<OfficerInvitationRecord | null>;
  listOpenOfficerInvitations(boardId: string): Promise<OfficerInvitationRecord[]>;
  /**
   * Creates the account and adds it to the board of this invitation and of every other open invitation to
   * the same email, marking them used, in one transaction. False when the invitation was used or the
   * email already has an account.
   */
  acceptOfficerInvitation(invitationId: string, account: AccountRecord, usedAt: number): Promise<boolean>;

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

  /** Marks a participant removed (their sessions stop resolving). Returns the record, or null if not on the board. */
  removeParticipant(boardId: string, participantId: string, removedAt: number): Promise<ParticipantRecord | null>;
  /** Counts a refusal for the audit: board, person and rule only. */
  recordRefusal(boardId: string, personId: string, rule: string, at: number): Promise<void>;
  listRefusals(boardId: string): Promise<RefusalCount[]>;
}
