import Database from 'better-sqlite3';
import path from 'node:path';
import type {
  AccountRecord,
  BoardRecord,
  InviteLinkRecord,
  OfficerInvitationRecord,
  ParticipantRecord,
  SessionRecord,
  Store,
  StoredDocument,
  DocumentAppend,
  DocumentLogSize,
  RefusalCount,
  BoardOfficerRecord,
  OfficerChangeRecord,
  BoardSettingChangeRecord,
  OfficerInvitationRefusal,
  OfficerRemoval,
  BarCheck,
  JoinOutcome,
  BoardPhaseRecord,
  PhaseChangeRecord,
  ModerationActionRecord,
} from './store.js';
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import type { BoardSchedule } from '../../shared/schema/schedule.js';
import * as moderation from './sqliteModeration.js';
import * as fairness from './sqliteFairness.js';
import type { CouncilOutcomeRecord, ParticipantProfileRecord, QuestionRecord } from './ports/fairnessPort.js';
import * as recordLog from './sqliteRecordLog.js';
import type { WaitingEntries } from './recordStagingBuffer.js';
import { SqliteRecordStaging } from './sqliteRecordStaging.js';
import { prepared } from './sqlitePrepared.js';
import * as publicRecords from './sqlitePublicRecords.js';
import { pipelineJson } from './pipelineColumn.js';
import { moderationEntry, phaseChangeEntry, settingChangeEntry } from '../record/auditEntries.js';
import type { RecordEntry, RecordEntryInput, RecordHead } from '../record/recordEntry.js';
import type { PipelineBoard, StoredPublishedRecord } from './ports/publicRecordsPort.js';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import { officerInvitationState } from './officerInvitationState.js';
import { BackgroundCheckpoints } from './sqliteCheckpoints.js';
import { enableIncrementalVacuum, SpaceReclaimer } from './sqliteSpace.js';

import {
  nullableString,
  toAccount,
  toBoard,
  toBoardPhase,
  toInviteLink,
  toOfficerChangeAction,
  toOfficerInvitation,
  toParticipant,
  toPhase,
  toSession,
  type Row,
} from './storeRows.js';

/**
 * When a commit counts as stored (docs/adr/0010-commits-survive-the-process.md):
 * - `normal` (the default): the commit is written to the WAL file before it returns, so it survives a crash
 *   or kill of this process (the handbook's bar); the WAL is fsync'd at each checkpoint, not each commit.
 * - `full`: every commit is fsync'd before it returns, so it survives a power cut too, at ~0.5 ms a commit
 *   on the event loop in front of every broadcast.
 */
export type SqliteSync = 'normal' | 'full';

export interface SqliteStoreOptions {
  sync?: SqliteSync;
}

/** The embedded store: one SQLite file in WAL mode under the data directory. */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(file);
    // WAL lets readers run beside the writer, and makes a commit one append to the WAL file.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.sync === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    enableIncrementalVacuum(this.db);
    migrate(this.db);
    this.spaceReclaimer = new SpaceReclaimer(this.db);
    // With `normal` the main connection's commits are not fsync'd either, and one connection writing
    // everything keeps its page cache: a second writer's commits invalidate it, which made each record
    // append ~6x dearer (0.29 ms in a quiet note's path against 0.04 ms alone; issue 15).
    this.recordDb = options.sync === 'full' ? recordLog.openRecordConnection(file) : this.db;
    this.appendUpdatesTransaction = this.db.transaction((appends: DocumentAppend[], now: number, entries: readonly WaitingEntries[]): number[] => {
      // The wall's record entries ride with the change they record (ADR 0011): stored together or not at all.
      for (const { boardId, inputs } of entries) recordLog.stageInTransaction(this.db, boardId, inputs);
      const insert = this.statement('INSERT INTO document_updates (document_name, update_bytes, created_at) VALUES (?, ?, ?)');
      return appends.map((append) => Number(insert.run(append.documentName, Buffer.from(append.update), now).lastInsertRowid));
    });
    // Also chains whatever a crash between a change's commit and the chaining of its entries left staged.
    this.recordStaging = new SqliteRecordStaging(this.db, this.recordDb);
    const writers = this.recordDb === this.db ? [this.db] : [this.db, this.recordDb];
    const isWal = this.db.pragma('journal_mode', { simple: true }) === 'wal';
    this.checkpoints = isWal ? BackgroundCheckpoints.start(file, options.sync === 'full' ? 'FULL' : 'NORMAL', writers) : null;
  }

  /** Copies the WAL into the database file beside the event loop (null: SQLite's inline checkpoints). */
  readonly checkpoints: BackgroundCheckpoints | null;

  /** The wall's record entries on their way into the log with the change they record (ADR 0011). */
  private readonly recordStaging: SqliteRecordStaging;

  /**
   * Where the wall's record entries are appended: the main connection, or with `SQLITE_SYNC=full` a
   * connection of their own without an fsync per append (see `openRecordConnection`).
   */
  private readonly recordDb: Database.Database;

  /** Gives freed pages and WAL space back after compactions. */
  private readonly spaceReclaimer: SpaceReclaimer;

  /** A statement prepared once (better-sqlite3 re-parses the SQL on every prepare: a hot path under load). */
  private statement(sql: string): Database.Statement {
    return prepared(this.db, sql);
  }

  static inDataDir(dataDir: string, options: SqliteStoreOptions = {}): SqliteStore {
    return new SqliteStore(path.join(dataDir, 'open-ideas-wall.sqlite'), options);
  }

  async isReachable(): Promise<boolean> {
    try {
      return this.statement('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.spaceReclaimer.stop();
    await this.checkpoints?.stop();
    // Entries still waiting are stored (and everything staged chained) before the connections close.
    this.recordStaging.close();
    if (this.recordDb !== this.db && this.recordDb.open) this.recordDb.close();
    if (this.db.open) this.db.close();
  }

  async countAccounts(): Promise<number> {
    return (this.statement('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
  }

  async createAccount(account: AccountRecord): Promise<void> {
    this.insertAccount(account);
  }

  private insertAccount(account: AccountRecord): void {
    this.db
      .prepare('INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(account.id, account.email, account.name, account.passwordHash, account.createdAt);
  }

  async findAccountByEmail(email: string): Promise<AccountRecord | null> {
    return toAccount(this.statement('SELECT * FROM accounts WHERE email = ?').get(email) as Row | undefined);
  }

  async findAccountById(id: string): Promise<AccountRecord | null> {
    return toAccount(this.statement('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined);
  }

  async createSetupToken(tokenHash: string, createdAt: number): Promise<void> {
    this.statement('INSERT INTO setup_tokens (token_hash, created_at) VALUES (?, ?)').run(tokenHash, createdAt);
  }

  async isSetupTokenUnused(tokenHash: string): Promise<boolean | null> {
    const row = this.statement('SELECT used_at FROM setup_tokens WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    if (!row) return null;
    const accounts = await this.countAccounts();
    return row.used_at === null && accounts === 0;
  }

  async useSetupTokenForFirstAccount(tokenHash: string, account: AccountRecord, usedAt: number): Promise<boolean> {
    try {
      this.db.transaction(() => {
        const claimed = this.db
          .prepare('UPDATE setup_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL')
          .run(usedAt, tokenHash);
        const accounts = (this.statement('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
        // Throwing rolls the claim back: the link stays unused if someone else got there first.
        if (claimed.changes !== 1 || accounts !== 0) throw new SetupLinkUsed();
        this.insertAccount(account);
        // Once an officer exists, every other set-up link printed earlier is spent too.
        this.statement('UPDATE setup_tokens SET used_at = ? WHERE used_at IS NULL').run(usedAt);
      }).immediate();
      return true;
    } catch (error) {
      if (error instanceof SetupLinkUsed) return false;
      throw error;
    }
  }

  async createBoard(board: BoardRecord, ownerAccountId: string | null): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO boards (id, title, summary, notice, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(board.id, board.title, board.summary, board.notice, board.status, board.createdAt, board.updatedAt);
      if (ownerAccountId) {
        this.db
          .prepare('INSERT INTO board_officers (board_id, account_id, added_at) VALUES (?, ?, ?)')
          .run(board.id, ownerAccountId, board.createdAt);
      }
    })();
  }

  async findBoard(id: string): Promise<BoardRecord | null> {
    return toBoard(this.statement('SELECT * FROM boards WHERE id = ?').get(id) as Row | undefined);
  }

  async updateBoard(
    id: string,
    changes: Partial<Pick<BoardRecord, 'title' | 'summary' | 'notice' | 'status' | 'requiresEmail' | 'pipeline'>>,
    updatedAt: number,
  ): Promise<BoardRecord | null> {
    const current = await this.findBoard(id);
    if (!current) return null;
    const next = { ...current, ...changes, updatedAt };
    this.db
      .prepare('UPDATE boards SET title = ?, summary = ?, notice = ?, status = ?, updated_at = ?, requires_email = ?, pipeline_json = ? WHERE id = ?')
      .run(next.title, next.summary, next.notice, next.status, next.updatedAt, next.requiresEmail === true ? 1 : 0, pipelineJson(next.pipeline), id);
    return next;
  }

  async listBoardsOfOfficer(accountId: string): Promise<BoardRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT b.* FROM boards b JOIN board_officers o ON o.board_id = b.id
         WHERE o.account_id = ? ORDER BY b.updated_at DESC`,
      )
      .all(accountId) as Row[];
    return rows.map((row) => toBoard(row)!);
  }

  async countBoards(): Promise<number> {
    return (this.statement('SELECT COUNT(*) AS n FROM boards').get() as { n: number }).n;
  }

  async listBoardsWithoutOfficers(): Promise<BoardRecord[]> {
    const rows = this.db
      .prepare('SELECT b.* FROM boards b WHERE NOT EXISTS (SELECT 1 FROM board_officers o WHERE o.board_id = b.id)')
      .all() as Row[];
    return rows.map((row) => toBoard(row)!);
  }

  async addBoardOfficer(boardId: string, accountId: string, addedAt: number): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO board_officers (board_id, account_id, added_at) VALUES (?, ?, ?)')
      .run(boardId, accountId, addedAt);
  }

  async isBoardOfficer(boardId: string, accountId: string): Promise<boolean> {
    return (
      this.statement('SELECT 1 FROM board_officers WHERE board_id = ? AND account_id = ?').get(boardId, accountId) !==
      undefined
    );
  }

  async listBoardOfficers(boardId: string): Promise<AccountRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT a.* FROM accounts a JOIN board_officers o ON o.account_id = a.id
         WHERE o.board_id = ? ORDER BY o.added_at`,
      )
      .all(boardId) as Row[];
    return rows.map((row) => toAccount(row)!);
  }

  async createOfficerInvitation(invitation: OfficerInvitationRecord): Promise<void> {
    this.db.transaction(() => {
      this.statement(
        `INSERT INTO officer_invitations (id, token_hash, board_id, email, invited_by, created_at, used_at,
           invitee_account_id, expires_at, declined_at, withdrawn_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        invitation.id,
        invitation.tokenHash,
        invitation.boardId,
        invitation.email,
        invitation.invitedBy,
        invitation.createdAt,
        invitation.usedAt,
        invitation.inviteeAccountId,
        invitation.expiresAt,
        invitation.declinedAt,
        invitation.withdrawnAt,
      );
      this.insertOfficerChange({
        boardId: invitation.boardId,
        actorAccountId: invitation.invitedBy,
        action: 'invited',
        subject: invitation.id,
        at: invitation.createdAt,
      });
    })();
  }

  async findOfficerInvitationByTokenHash(tokenHash: string): Promise<OfficerInvitationRecord | null> {
    return toOfficerInvitation(
      this.statement('SELECT * FROM officer_invitations WHERE token_hash = ?').get(tokenHash) as Row | undefined,
    );
  }

  async listOpenOfficerInvitations(boardId: string, now: number = Date.now()): Promise<OfficerInvitationRecord[]> {
    const rows = this.statement('SELECT * FROM officer_invitations WHERE board_id = ? ORDER BY created_at').all(boardId) as Row[];
    return rows.map((row) => toOfficerInvitation(row)!).filter((invitation) => officerInvitationState(invitation, now) === 'open');
  }

  async acceptOfficerInvitation(invitationId: string, account: AccountRecord, usedAt: number): Promise<boolean> {
    return this.db.transaction(() => {
      const invitation = this.officerInvitationById(invitationId);
      if (!invitation || officerInvitationState(invitation, usedAt) !== 'open') return false;
      if (invitation.email !== account.email) return false;
      if (this.statement('SELECT 1 FROM accounts WHERE email = ?').get(account.email) !== undefined) return false;
      this.insertAccount(account);
      // This invitation's board only: other invitations to the same address need their own link or consent.
      this.admitOfficer(invitation, account.id, usedAt);
      return true;
    }).immediate();
  }

  async findOfficerInvitation(invitationId: string): Promise<OfficerInvitationRecord | null> {
    return this.officerInvitationById(invitationId);
  }

  async listOfficerInvitationsForAccount(accountId: string, now: number): Promise<OfficerInvitationRecord[]> {
    const rows = this.statement('SELECT * FROM officer_invitations WHERE invitee_account_id = ? ORDER BY created_at').all(
      accountId,
    ) as Row[];
    return rows.map((row) => toOfficerInvitation(row)!).filter((invitation) => officerInvitationState(invitation, now) === 'open');
  }

  async acceptOfficerInvitationAsAccount(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal> {
    return this.db.transaction(() => {
      const invitation = this.openInvitationFor(invitationId, accountId, at);
      if (typeof invitation === 'string') return invitation;
      this.admitOfficer(invitation, accountId, at);
      return 'done';
    }).immediate();
  }

  async declineOfficerInvitation(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal> {
    return this.db.transaction(() => {
      const invitation = this.openInvitationFor(invitationId, accountId, at);
      if (typeof invitation === 'string') return invitation;
      this.statement('UPDATE officer_invitations SET declined_at = ? WHERE id = ?').run(at, invitation.id);
      this.insertOfficerChange({
        boardId: invitation.boardId,
        actorAccountId: accountId,
        action: 'invitation-declined',
        subject: invitation.id,
        at,
      });
      return 'done';
    }).immediate();
  }

  async withdrawOfficerInvitation(
    boardId: string,
    invitationId: string,
    actorAccountId: string,
    at: number,
  ): Promise<'done' | OfficerInvitationRefusal> {
    return this.db.transaction(() => {
      const invitation = this.officerInvitationById(invitationId);
      if (!invitation || invitation.boardId !== boardId || !this.isOfficerNow(boardId, actorAccountId)) return 'not-found';
      const state = officerInvitationState(invitation, at);
      if (state !== 'open') return state;
      this.statement('UPDATE officer_invitations SET withdrawn_at = ? WHERE id = ?').run(at, invitation.id);
      this.insertOfficerChange({ boardId, actorAccountId, action: 'invitation-withdrawn', subject: invitation.id, at });
      return 'done';
    }).immediate();
  }

  async listBoardOfficersWithDates(boardId: string): Promise<BoardOfficerRecord[]> {
    const rows = this.statement(
      `SELECT a.*, o.added_at AS officer_added_at FROM accounts a JOIN board_officers o ON o.account_id = a.id
       WHERE o.board_id = ? ORDER BY o.added_at, a.name`,
    ).all(boardId) as Row[];
    return rows.map((row) => ({ account: toAccount(row)!, addedAt: Number(row.officer_added_at) }));
  }

  async removeBoardOfficer(boardId: string, accountId: string, actorAccountId: string, at: number): Promise<OfficerRemoval> {
    // IMMEDIATE: the count and the delete see the same officers, so a race can never remove the last one.
    return this.db.transaction((): OfficerRemoval => {
      if (!this.isOfficerNow(boardId, actorAccountId)) return 'actor-not-officer';
      if (!this.isOfficerNow(boardId, accountId)) return 'not-officer';
      const count = (this.statement('SELECT COUNT(*) AS n FROM board_officers WHERE board_id = ?').get(boardId) as { n: number }).n;
      if (count <= 1) return 'last-officer';
      this.statement('DELETE FROM board_officers WHERE board_id = ? AND account_id = ?').run(boardId, accountId);
      this.insertOfficerChange({
        boardId,
        actorAccountId,
        action: accountId === actorAccountId ? 'officer-left' : 'officer-removed',
        subject: accountId,
        at,
      });
      return 'removed';
    }).immediate();
  }

  async listOfficerChanges(boardId: string): Promise<OfficerChangeRecord[]> {
    const rows = this.statement('SELECT * FROM officer_changes WHERE board_id = ? ORDER BY seq').all(boardId) as Row[];
    return rows.map((row) => ({
      boardId: String(row.board_id),
      actorAccountId: String(row.actor_account_id),
      action: toOfficerChangeAction(row.action),
      subject: String(row.subject),
      at: Number(row.at),
    }));
  }

  private officerInvitationById(invitationId: string): OfficerInvitationRecord | null {
    return toOfficerInvitation(this.statement('SELECT * FROM officer_invitations WHERE id = ?').get(invitationId) as Row | undefined);
  }

  /**
   * The invitation when it is addressed to this account's email and still open at `at`; otherwise why not
   * ('not-found' also when there is no such account or it has another address). Call inside a transaction.
   */
  private openInvitationFor(invitationId: string, accountId: string, at: number): OfficerInvitationRecord | OfficerInvitationRefusal {
    const invitation = this.officerInvitationById(invitationId);
    const account = toAccount(this.statement('SELECT * FROM accounts WHERE id = ?').get(accountId) as Row | undefined);
    if (!invitation || !account || invitation.email !== account.email) return 'not-found';
    const state = officerInvitationState(invitation, at);
    return state === 'open' ? invitation : state;
  }

  private isOfficerNow(boardId: string, accountId: string): boolean {
    return this.statement('SELECT 1 FROM board_officers WHERE board_id = ? AND account_id = ?').get(boardId, accountId) !== undefined;
  }

  /** Inside a transaction: the invitation's board gains the account, the invitation is spent, and it is audited. */
  private admitOfficer(invitation: OfficerInvitationRecord, accountId: string, at: number): void {
    this.statement('INSERT OR IGNORE INTO board_officers (board_id, account_id, added_at) VALUES (?, ?, ?)').run(
      invitation.boardId,
      accountId,
      at,
    );
    this.statement('UPDATE officer_invitations SET used_at = ? WHERE id = ?').run(at, invitation.id);
    this.insertOfficerChange({
      boardId: invitation.boardId,
      actorAccountId: accountId,
      action: 'invitation-accepted',
      subject: invitation.id,
      at,
    });
  }

  private insertOfficerChange(change: OfficerChangeRecord): void {
    this.statement('INSERT INTO officer_changes (board_id, actor_account_id, action, subject, at) VALUES (?, ?, ?, ?, ?)').run(
      change.boardId,
      change.actorAccountId,
      change.action,
      change.subject,
      change.at,
    );
  }

  async createInviteLink(link: InviteLinkRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO invite_links (id, board_id, role, token, code, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(link.id, link.boardId, link.role, link.token, link.code, link.createdAt, link.expiresAt, link.revokedAt);
  }

  async findInviteLinkByToken(token: string): Promise<InviteLinkRecord | null> {
    return toInviteLink(this.statement('SELECT * FROM invite_links WHERE token = ?').get(token) as Row | undefined);
  }

  async findInviteLinkByCode(code: string): Promise<InviteLinkRecord | null> {
    return toInviteLink(this.statement('SELECT * FROM invite_links WHERE code = ?').get(code) as Row | undefined);
  }

  async findInviteLink(boardId: string, linkId: string): Promise<InviteLinkRecord | null> {
    return toInviteLink(
      this.statement('SELECT * FROM invite_links WHERE board_id = ? AND id = ?').get(boardId, linkId) as Row | undefined,
    );
  }

  async listInviteLinks(boardId: string): Promise<InviteLinkRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM invite_links WHERE board_id = ? ORDER BY created_at DESC')
      .all(boardId) as Row[];
    return rows.map((row) => toInviteLink(row)!);
  }

  async revokeInviteLink(boardId: string, linkId: string, revokedAt: number): Promise<InviteLinkRecord | null> {
    this.db
      .prepare('UPDATE invite_links SET revoked_at = ? WHERE board_id = ? AND id = ? AND revoked_at IS NULL')
      .run(revokedAt, boardId, linkId);
    return this.findInviteLink(boardId, linkId);
  }

  async createParticipant(participant: ParticipantRecord, maxPeople: number): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.countParticipants(participant.boardId) >= maxPeople) return false;
      this.insertParticipant(participant);
      return true;
    }).immediate();
  }

  private countParticipants(boardId: string): number {
    return (this.statement('SELECT COUNT(*) AS n FROM participants WHERE board_id = ?').get(boardId) as { n: number }).n;
  }

  private insertParticipant(participant: ParticipantRecord): void {
    this.statement(
      `INSERT INTO participants (id, board_id, role, name, organisation, email, invite_link_id, created_at, removed_at,
         identity_key, browser_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      participant.id,
      participant.boardId,
      participant.role,
      participant.name,
      participant.organisation,
      participant.email,
      participant.inviteLinkId,
      participant.createdAt,
      participant.removedAt,
      participant.identityKey ?? null,
      participant.browserKey ?? null,
    );
  }

  async joinParticipant(participant: ParticipantRecord, maxPeople: number): Promise<JoinOutcome> {
    return this.db.transaction((): JoinOutcome => {
      const { boardId } = participant;
      const identityKey = participant.identityKey ?? null;
      if (this.barredNow(boardId, { browserKey: participant.browserKey, identityKey, email: participant.email })) {
        return { kind: 'barred' };
      }
      if (identityKey !== null) {
        const holder = toParticipant(
          this.statement(
            // Someone whose link was revoked has lost access (sessions.ts), so their details are free again.
            `SELECT p.* FROM participants p
             WHERE p.board_id = ? AND p.identity_key = ? AND p.removed_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM invite_links l WHERE l.id = p.invite_link_id AND l.revoked_at IS NOT NULL)
             ORDER BY p.created_at LIMIT 1`,
          ).get(boardId, identityKey) as Row | undefined,
        );
        if (holder) {
          const isSameBrowser = holder.browserKey != null && holder.browserKey === participant.browserKey;
          return isSameBrowser ? { kind: 'returned', participant: holder } : { kind: 'taken', holder };
        }
      }
      if (this.countParticipants(boardId) >= maxPeople) return { kind: 'board-full' };
      this.insertParticipant(participant);
      return { kind: 'joined', participant };
    }).immediate();
  }

  async isBarredFromBoard(boardId: string, check: BarCheck): Promise<boolean> {
    return this.barredNow(boardId, check);
  }

  /** A removal that was not lifted, matching the browser, the folded details or the email (each only when given). */
  private barredNow(boardId: string, check: BarCheck): boolean {
    const row = this.statement(
      `SELECT 1 FROM participants
       WHERE board_id = ? AND removed_at IS NOT NULL AND let_back_in_at IS NULL
         AND ((browser_key IS NOT NULL AND browser_key = ?)
           OR (identity_key IS NOT NULL AND identity_key = ?)
           OR (email IS NOT NULL AND email = ?))
       LIMIT 1`,
    ).get(boardId, check.browserKey ?? null, check.identityKey ?? null, check.email ?? null);
    return row !== undefined;
  }

  async removeParticipants(
    boardId: string,
    participantIds: readonly string[],
    removedAt: number,
    removedBy: string,
  ): Promise<ParticipantRecord[]> {
    const remove = this.statement(
      'UPDATE participants SET removed_at = ?, removed_by = ? WHERE board_id = ? AND id = ? AND removed_at IS NULL',
    );
    return this.db.transaction(() => {
      const removed: ParticipantRecord[] = [];
      for (const participantId of new Set(participantIds)) {
        if (remove.run(removedAt, removedBy, boardId, participantId).changes !== 1) continue;
        const participant = toParticipant(this.statement('SELECT * FROM participants WHERE id = ?').get(participantId) as Row | undefined);
        if (participant) removed.push(participant);
      }
      return removed;
    }).immediate();
  }

  async letParticipantBackIn(boardId: string, participantId: string, at: number, by: string): Promise<ParticipantRecord | null> {
    this.statement(
      `UPDATE participants SET let_back_in_at = ?, let_back_in_by = ?
       WHERE board_id = ? AND id = ? AND removed_at IS NOT NULL AND let_back_in_at IS NULL`,
    ).run(at, by, boardId, participantId);
    const participant = await this.findParticipant(participantId);
    return participant && participant.boardId === boardId && participant.removedAt !== null ? participant : null;
  }

  async findParticipant(id: string): Promise<ParticipantRecord | null> {
    return toParticipant(this.statement('SELECT * FROM participants WHERE id = ?').get(id) as Row | undefined);
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    const rows = this.statement('SELECT * FROM participants WHERE board_id = ? ORDER BY created_at').all(boardId) as Row[];
    return rows.map((row) => toParticipant(row)!);
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO sessions (token_hash, kind, account_id, participant_id, board_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.tokenHash,
        session.kind,
        session.accountId,
        session.participantId,
        session.boardId,
        session.createdAt,
        session.expiresAt,
      );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    return toSession(this.statement('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.statement('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.statement('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  async loadDocument(documentName: string): Promise<StoredDocument> {
    return this.db.transaction(() => {
      const snapshotRow = this.db
        .prepare('SELECT state_bytes, through_seq FROM document_snapshots WHERE document_name = ?')
        .get(documentName) as { state_bytes: Buffer; through_seq: number } | undefined;
      const afterSeq = snapshotRow?.through_seq ?? 0;
      const rows = this.db
        .prepare('SELECT seq, update_bytes FROM document_updates WHERE document_name = ? AND seq > ? ORDER BY seq')
        .all(documentName, afterSeq) as Array<{ seq: number; update_bytes: Buffer }>;
      return {
        snapshot: snapshotRow ? new Uint8Array(snapshotRow.state_bytes) : null,
        updates: rows.map((row) => new Uint8Array(row.update_bytes)),
        throughSeq: rows.at(-1)?.seq ?? afterSeq,
      };
    })();
  }

  async appendDocumentUpdates(appends: DocumentAppend[]): Promise<number[]> {
    if (appends.length === 0) return [];
    return this.recordStaging.withGroupCommit((entries) => this.appendUpdatesTransaction(appends, Date.now(), entries));
  }

  /** The group commit's transaction, made once (it runs before every broadcast; better-sqlite3 builds a wrapper per `transaction` call). */
  private readonly appendUpdatesTransaction: (appends: DocumentAppend[], now: number, entries: readonly WaitingEntries[]) => number[];

  /**
   * Keeps the wall's record entries for the next group commit, which stores them in the same transaction
   * as the change they record; they are chained into the log right after its broadcast (ADR 0011).
   * Resolves once stored.
   */
  async stageRecordEntries(boardId: string, inputs: readonly RecordEntryInput[]): Promise<void> {
    if (inputs.length === 0) return;
    return this.recordStaging.stage(boardId, inputs);
  }

  async compactDocument(documentName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    if (!Number.isSafeInteger(throughSeq) || throughSeq < 0) throw new Error(`compactDocument: bad throughSeq ${throughSeq}`);
    this.db.transaction(() => {
      const stored = this.statement('SELECT through_seq FROM document_snapshots WHERE document_name = ?').get(documentName) as
        | { through_seq: number }
        | undefined;
      // Two compactions may finish out of order (a slow store): never replace a snapshot with an older one.
      // One with the same position may: it also holds every row up to it (and maybe changes not yet logged).
      if (stored && stored.through_seq > throughSeq) return;
      this.statement(
        `INSERT INTO document_snapshots (document_name, state_bytes, through_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(document_name) DO UPDATE SET state_bytes = excluded.state_bytes,
           through_seq = excluded.through_seq, updated_at = excluded.updated_at`,
      ).run(documentName, Buffer.from(snapshot), throughSeq, Date.now());
      // Exactly the rows the snapshot covers: rows appended while it was being built or written stay.
      this.statement('DELETE FROM document_updates WHERE document_name = ? AND seq <= ?').run(documentName, throughSeq);
    })();
    this.spaceReclaimer.compacted();
  }

  async describeDocumentLog(documentName: string): Promise<DocumentLogSize> {
    const snapshot = this.statement(
      'SELECT length(state_bytes) AS bytes, through_seq FROM document_snapshots WHERE document_name = ?',
    ).get(documentName) as { bytes: number; through_seq: number } | undefined;
    const throughSeq = snapshot?.through_seq ?? 0;
    const log = this.statement(
      'SELECT COUNT(*) AS n, COALESCE(SUM(length(update_bytes)), 0) AS bytes FROM document_updates WHERE document_name = ? AND seq > ?',
    ).get(documentName, throughSeq) as { n: number; bytes: number };
    return { updates: log.n, updateBytes: log.bytes, snapshotBytes: snapshot?.bytes ?? 0, snapshotThroughSeq: throughSeq };
  }

  async findDocumentEpoch(boardId: string): Promise<string | null> {
    const row = this.statement('SELECT document_epoch FROM boards WHERE id = ?').get(boardId) as
      | { document_epoch: string }
      | undefined;
    return row?.document_epoch ?? null;
  }

  async recordRefusal(boardId: string, personId: string, rule: string, at: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO refusals (board_id, person_id, rule, count, last_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT(board_id, person_id, rule) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
      )
      .run(boardId, personId, rule, at);
  }

  async recordBoardSettingChange(change: BoardSettingChangeRecord): Promise<void> {
    this.recordStaging.append(this.db, change.boardId, [settingChangeEntry(change)], () => {
      this.statement('INSERT INTO board_setting_changes (board_id, actor_person_id, setting, value_json, at) VALUES (?, ?, ?, ?, ?)').run(
        change.boardId,
        change.actorPersonId,
        change.setting,
        change.valueJson,
        change.at,
      );
    });
  }

  async listBoardSettingChanges(boardId: string): Promise<BoardSettingChangeRecord[]> {
    const rows = this.statement('SELECT * FROM board_setting_changes WHERE board_id = ? ORDER BY seq').all(boardId) as Row[];
    return rows.map((row) => ({
      boardId: String(row.board_id),
      actorPersonId: String(row.actor_person_id),
      setting: String(row.setting),
      valueJson: String(row.value_json),
      at: Number(row.at),
    }));
  }

  async listRefusals(boardId: string): Promise<RefusalCount[]> {
    const rows = this.db
      .prepare('SELECT person_id, rule, count, last_at FROM refusals WHERE board_id = ? ORDER BY last_at DESC')
      .all(boardId) as Array<{ person_id: string; rule: string; count: number; last_at: number }>;
    return rows.map((row) => ({ personId: row.person_id, rule: row.rule, count: row.count, lastAt: row.last_at }));
  }

  async listDocumentNames(prefix: string): Promise<string[]> {
    // A range on the primary key and the log's index, not LIKE: ids may hold '_' or '%'.
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const rows = this.statement(
      `SELECT document_name FROM document_snapshots WHERE document_name >= ? AND document_name < ?
       UNION SELECT DISTINCT document_name FROM document_updates WHERE document_name >= ? AND document_name < ?
       ORDER BY document_name`,
    ).all(prefix, end, prefix, end) as Array<{ document_name: string }>;
    return rows.map((row) => row.document_name);
  }

  async probeWrite(at: number): Promise<void> {
    this.statement('INSERT INTO write_probes (id, probed_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET probed_at = excluded.probed_at').run(at);
  }

  async recordBoardPhase(boardId: string, phase: BoardPhase, at: number): Promise<void> {
    this.statement(
      `INSERT INTO board_phases (board_id, phase, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(board_id) DO UPDATE SET phase = excluded.phase, updated_at = excluded.updated_at`,
    ).run(boardId, phase, at);
  }

  async recordBoardSchedule(boardId: string, schedule: BoardSchedule, at: number): Promise<void> {
    this.statement(
      `INSERT INTO board_phases (board_id, opens_at, closes_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(board_id) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at, updated_at = excluded.updated_at`,
    ).run(boardId, schedule.opensAt, schedule.closesAt, at);
  }

  async findBoardPhase(boardId: string): Promise<BoardPhaseRecord | null> {
    const row = this.statement('SELECT * FROM board_phases WHERE board_id = ?').get(boardId) as Row | undefined;
    return row ? toBoardPhase(row) : null;
  }

  async listScheduledBoards(): Promise<BoardPhaseRecord[]> {
    const rows = this.statement('SELECT * FROM board_phases WHERE opens_at IS NOT NULL OR closes_at IS NOT NULL').all() as Row[];
    return rows.map(toBoardPhase);
  }

  async recordPhaseChange(change: PhaseChangeRecord): Promise<void> {
    this.recordStaging.append(this.db, change.boardId, [phaseChangeEntry(change)], () => {
      this.statement('INSERT INTO phase_changes (board_id, actor, from_phase, to_phase, at) VALUES (?, ?, ?, ?, ?)').run(
        change.boardId,
        change.actor,
        change.from,
        change.to,
        change.at,
      );
    });
  }

  async listPhaseChanges(boardId: string): Promise<PhaseChangeRecord[]> {
    const rows = this.statement('SELECT * FROM phase_changes WHERE board_id = ? ORDER BY seq').all(boardId) as Row[];
    return rows.map((row) => ({
      boardId: String(row.board_id),
      actor: nullableString(row.actor),
      from: toPhase(row.from_phase),
      to: toPhase(row.to_phase),
      at: Number(row.at),
    }));
  }

  async appendModerationActions(actions: readonly ModerationActionRecord[]): Promise<void> {
    if (actions.length === 0) return;
    // All actions of one call are of one board (the port's contract).
    this.recordStaging.append(this.db, actions[0]!.boardId, actions.map(moderationEntry), () => moderation.appendModerationActions(this.db, actions)); // reason: not empty (checked above)
  }

  async listModerationActions(boardId: string): Promise<ModerationActionRecord[]> {
    return moderation.listModerationActions(this.db, boardId);
  }

  async listHiddenItems(boardId: string): Promise<ModerationActionRecord[]> {
    return moderation.listHiddenItems(this.db, boardId);
  }

  // ---- Fairness (issue 13): delegated to sqliteFairness.ts ----

  async addQuestion(question: QuestionRecord): Promise<void> {
    fairness.addQuestion(this.db, question);
  }

  async countQuestionsSince(boardId: string, personId: string, since: number): Promise<number> {
    return fairness.countQuestionsSince(this.db, boardId, personId, since);
  }

  async listQuestions(boardId: string): Promise<QuestionRecord[]> {
    return fairness.listQuestions(this.db, boardId);
  }

  async answerQuestion(answer: { boardId: string; id: string; answer: string; answeredBy: string; answeredAt: number; publishedId: string }): Promise<boolean> {
    return fairness.answerQuestion(this.db, answer);
  }

  async setCouncilOutcome(record: CouncilOutcomeRecord): Promise<void> {
    fairness.setCouncilOutcome(this.db, record);
  }

  async clearCouncilOutcome(boardId: string, kind: CouncilOutcomeRecord['kind'], key: string): Promise<void> {
    fairness.clearCouncilOutcome(this.db, boardId, kind, key);
  }

  async listCouncilOutcomes(boardId: string): Promise<CouncilOutcomeRecord[]> {
    return fairness.listCouncilOutcomes(this.db, boardId);
  }

  async saveParticipantProfile(profile: ParticipantProfileRecord): Promise<void> {
    fairness.saveParticipantProfile(this.db, profile);
  }

  async listParticipantProfiles(boardId: string): Promise<ParticipantProfileRecord[]> {
    return fairness.listParticipantProfiles(this.db, boardId);
  }

  async appendRecordEntries(boardId: string, inputs: readonly RecordEntryInput[]): Promise<RecordEntry[]> {
    return this.recordStaging.append(this.recordDb, boardId, inputs);
  }

  async listRecordEntries(boardId: string): Promise<RecordEntry[]> {
    return recordLog.readRecordEntries(this.recordDb, boardId);
  }

  async findRecordHead(boardId: string): Promise<RecordHead | null> {
    return recordLog.readRecordHead(this.recordDb, boardId);
  }

  async savePublishedRecord(record: StoredPublishedRecord): Promise<void> {
    publicRecords.savePublishedRecord(this.db, record);
  }

  async findPublishedRecord(boardId: string): Promise<StoredPublishedRecord | null> {
    return publicRecords.findPublishedRecord(this.db, boardId);
  }

  async listPipelineBoards(): Promise<PipelineBoard[]> {
    return publicRecords.listPipelineBoards(this.db);
  }
}

class SetupLinkUsed extends Error {
  override name = 'SetupLinkUsed';
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  if (applied > SQLITE_MIGRATIONS.length) {
    throw new Error(
      `The data directory was written by a newer version (schema ${applied}, this version knows ${SQLITE_MIGRATIONS.length})`,
    );
  }
  SQLITE_MIGRATIONS.slice(applied).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(applied + index + 1, Date.now());
    })();
  });
}
