/**
 * The store on PostgreSQL, for several identical instances sharing one database (issue 11). Same contract as
 * the SQLite store (tests/contract/*), same tables and row mappers. Where SQLite's single writer made a check
 * and its write atomic, this store locks inside the transaction instead: the board's row for joins and officer
 * removals, a named advisory lock for the first account and for each document's log.
 */
import type pg from 'pg';
import type {
  AccountRecord,
  BarCheck,
  BoardOfficerRecord,
  BoardPhaseRecord,
  BoardRecord,
  BoardSettingChangeRecord,
  DocumentAppend,
  DocumentLogSize,
  InviteLinkRecord,
  JoinOutcome,
  ModerationActionRecord,
  OfficerChangeRecord,
  OfficerInvitationRecord,
  OfficerInvitationRefusal,
  OfficerRemoval,
  ParticipantRecord,
  PhaseChangeRecord,
  RefusalCount,
  SessionRecord,
  Store,
  StoredDocument,
} from '../store.js';
import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import type { BoardSchedule } from '../../../shared/schema/schedule.js';
import { officerInvitationState } from '../officerInvitationState.js';
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
} from '../storeRows.js';
import { toModerationAction } from '../moderationRows.js';
import { createPool, inTransaction, lockName, migrate, type PgOptions, type Queryable } from './pgDatabase.js';
import * as issue13 from './pgIssue13.js';
import { moderationEntry, phaseChangeEntry, settingChangeEntry } from '../../record/auditEntries.js';
import type { RecordEntry, RecordEntryInput, RecordHead } from '../../record/recordEntry.js';
import type { CouncilOutcomeRecord, ParticipantProfileRecord, QuestionRecord } from '../ports/fairnessPort.js';
import { pipelineJson } from '../pipelineColumn.js';
import type { PipelineBoard, StoredPublishedRecord } from '../ports/publicRecordsPort.js';

export class PostgresStore implements Store {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, migrates (one instance at a time) and returns the store. */
  static async open(options: PgOptions): Promise<PostgresStore> {
    const pool = createPool(options);
    try {
      await migrate(pool, options.schema);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresStore(pool);
  }

  private async rows(sql: string, values: unknown[] = [], on: Queryable = this.pool): Promise<Row[]> {
    return (await on.query(sql, values)).rows as Row[];
  }

  private async row(sql: string, values: unknown[] = [], on: Queryable = this.pool): Promise<Row | undefined> {
    return (await this.rows(sql, values, on))[0];
  }

  private async count(sql: string, values: unknown[] = [], on: Queryable = this.pool): Promise<number> {
    return Number((await this.row(sql, values, on))?.n ?? 0);
  }

  async isReachable(): Promise<boolean> {
    try {
      return (await this.row('SELECT 1 AS ok')) !== undefined;
    } catch {
      return false;
    }
  }

  private closing: Promise<void> | null = null;

  /** Ends the pool once (a second call waits for the first). */
  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }

  // Accounts and the first officer's set-up link

  async countAccounts(): Promise<number> {
    return this.count('SELECT COUNT(*) AS n FROM accounts');
  }

  async createAccount(account: AccountRecord): Promise<void> {
    await insertAccount(this.pool, account);
  }

  async findAccountByEmail(email: string): Promise<AccountRecord | null> {
    return toAccount(await this.row('SELECT * FROM accounts WHERE email = $1', [email]));
  }

  async findAccountById(id: string): Promise<AccountRecord | null> {
    return toAccount(await this.row('SELECT * FROM accounts WHERE id = $1', [id]));
  }

  async createSetupToken(tokenHash: string, createdAt: number): Promise<void> {
    await this.pool.query('INSERT INTO setup_tokens (token_hash, created_at) VALUES ($1, $2)', [tokenHash, createdAt]);
  }

  async isSetupTokenUnused(tokenHash: string): Promise<boolean | null> {
    const row = await this.row('SELECT used_at FROM setup_tokens WHERE token_hash = $1', [tokenHash]);
    if (!row) return null;
    return row.used_at === null && (await this.countAccounts()) === 0;
  }

  async useSetupTokenForFirstAccount(tokenHash: string, account: AccountRecord, usedAt: number): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // One first account across every instance: the claim, the count and the insert happen under one lock.
      await lockName(client, 'first-account');
      const claimed = await client.query('UPDATE setup_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL', [usedAt, tokenHash]);
      const accounts = await this.count('SELECT COUNT(*) AS n FROM accounts', [], client);
      // Throwing rolls the claim back: the link stays unused if someone else got there first.
      if (claimed.rowCount !== 1 || accounts !== 0) throw new SetupLinkUsed();
      await insertAccount(client, account);
      // Once an officer exists, every other set-up link printed earlier is spent too.
      await client.query('UPDATE setup_tokens SET used_at = $1 WHERE used_at IS NULL', [usedAt]);
      return true;
    }).catch((error: unknown) => {
      if (error instanceof SetupLinkUsed) return false;
      throw error;
    });
  }

  // Boards and their officers

  async createBoard(board: BoardRecord, ownerAccountId: string | null): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        'INSERT INTO boards (id, title, summary, notice, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [board.id, board.title, board.summary, board.notice, board.status, board.createdAt, board.updatedAt],
      );
      if (ownerAccountId) {
        await client.query('INSERT INTO board_officers (board_id, account_id, added_at) VALUES ($1, $2, $3)', [board.id, ownerAccountId, board.createdAt]);
      }
    });
  }

  async findBoard(id: string): Promise<BoardRecord | null> {
    return toBoard(await this.row('SELECT * FROM boards WHERE id = $1', [id]));
  }

  async updateBoard(
    id: string,
    changes: Partial<Pick<BoardRecord, 'title' | 'summary' | 'notice' | 'status' | 'requiresEmail' | 'pipeline'>>,
    updatedAt: number,
  ): Promise<BoardRecord | null> {
    return inTransaction(this.pool, async (client) => {
      const current = toBoard(await this.row('SELECT * FROM boards WHERE id = $1 FOR UPDATE', [id], client));
      if (!current) return null;
      const next = { ...current, ...changes, updatedAt };
      await client.query(
        'UPDATE boards SET title = $1, summary = $2, notice = $3, status = $4, updated_at = $5, requires_email = $6, pipeline_json = $7 WHERE id = $8',
        [next.title, next.summary, next.notice, next.status, next.updatedAt, next.requiresEmail === true ? 1 : 0, pipelineJson(next.pipeline), id],
      );
      return next;
    });
  }

  async listBoardsOfOfficer(accountId: string): Promise<BoardRecord[]> {
    const rows = await this.rows(
      `SELECT b.* FROM boards b JOIN board_officers o ON o.board_id = b.id
       WHERE o.account_id = $1 ORDER BY b.updated_at DESC`,
      [accountId],
    );
    return rows.map((row) => toBoard(row)!);
  }

  async countBoards(): Promise<number> {
    return this.count('SELECT COUNT(*) AS n FROM boards');
  }

  async listBoardsWithoutOfficers(): Promise<BoardRecord[]> {
    const rows = await this.rows('SELECT b.* FROM boards b WHERE NOT EXISTS (SELECT 1 FROM board_officers o WHERE o.board_id = b.id)');
    return rows.map((row) => toBoard(row)!);
  }

  async addBoardOfficer(boardId: string, accountId: string, addedAt: number): Promise<void> {
    await this.pool.query('INSERT INTO board_officers (board_id, account_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      boardId,
      accountId,
      addedAt,
    ]);
  }

  async isBoardOfficer(boardId: string, accountId: string): Promise<boolean> {
    return isOfficerNow(this.pool, boardId, accountId);
  }

  async listBoardOfficers(boardId: string): Promise<AccountRecord[]> {
    const rows = await this.rows(
      `SELECT a.* FROM accounts a JOIN board_officers o ON o.account_id = a.id
       WHERE o.board_id = $1 ORDER BY o.added_at`,
      [boardId],
    );
    return rows.map((row) => toAccount(row)!);
  }

  async createOfficerInvitation(invitation: OfficerInvitationRecord): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO officer_invitations (id, token_hash, board_id, email, invited_by, created_at, used_at,
           invitee_account_id, expires_at, declined_at, withdrawn_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
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
        ],
      );
      await insertOfficerChange(client, {
        boardId: invitation.boardId,
        actorAccountId: invitation.invitedBy,
        action: 'invited',
        subject: invitation.id,
        at: invitation.createdAt,
      });
    });
  }

  async findOfficerInvitationByTokenHash(tokenHash: string): Promise<OfficerInvitationRecord | null> {
    return toOfficerInvitation(await this.row('SELECT * FROM officer_invitations WHERE token_hash = $1', [tokenHash]));
  }

  async listOpenOfficerInvitations(boardId: string, now: number = Date.now()): Promise<OfficerInvitationRecord[]> {
    const rows = await this.rows('SELECT * FROM officer_invitations WHERE board_id = $1 ORDER BY created_at', [boardId]);
    return rows.map((row) => toOfficerInvitation(row)!).filter((invitation) => officerInvitationState(invitation, now) === 'open');
  }

  async acceptOfficerInvitation(invitationId: string, account: AccountRecord, usedAt: number): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const invitation = await invitationForUpdate(client, invitationId);
      if (!invitation || officerInvitationState(invitation, usedAt) !== 'open') return false;
      if (invitation.email !== account.email) return false;
      const inserted = await client.query(
        'INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [account.id, account.email, account.name, account.passwordHash, account.createdAt],
      );
      if (inserted.rowCount !== 1) return false;
      // This invitation's board only: other invitations to the same address need their own link or consent.
      await admitOfficer(client, invitation, account.id, usedAt);
      return true;
    });
  }

  async findOfficerInvitation(invitationId: string): Promise<OfficerInvitationRecord | null> {
    return toOfficerInvitation(await this.row('SELECT * FROM officer_invitations WHERE id = $1', [invitationId]));
  }

  async listOfficerInvitationsForAccount(accountId: string, now: number): Promise<OfficerInvitationRecord[]> {
    const rows = await this.rows('SELECT * FROM officer_invitations WHERE invitee_account_id = $1 ORDER BY created_at', [accountId]);
    return rows.map((row) => toOfficerInvitation(row)!).filter((invitation) => officerInvitationState(invitation, now) === 'open');
  }

  async acceptOfficerInvitationAsAccount(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal> {
    return inTransaction(this.pool, async (client) => {
      const invitation = await openInvitationFor(client, invitationId, accountId, at);
      if (typeof invitation === 'string') return invitation;
      await admitOfficer(client, invitation, accountId, at);
      return 'done' as const;
    });
  }

  async declineOfficerInvitation(invitationId: string, accountId: string, at: number): Promise<'done' | OfficerInvitationRefusal> {
    return inTransaction(this.pool, async (client) => {
      const invitation = await openInvitationFor(client, invitationId, accountId, at);
      if (typeof invitation === 'string') return invitation;
      await client.query('UPDATE officer_invitations SET declined_at = $1 WHERE id = $2', [at, invitation.id]);
      await insertOfficerChange(client, { boardId: invitation.boardId, actorAccountId: accountId, action: 'invitation-declined', subject: invitation.id, at });
      return 'done' as const;
    });
  }

  async withdrawOfficerInvitation(boardId: string, invitationId: string, actorAccountId: string, at: number): Promise<'done' | OfficerInvitationRefusal> {
    return inTransaction(this.pool, async (client) => {
      const invitation = await invitationForUpdate(client, invitationId);
      if (!invitation || invitation.boardId !== boardId || !(await isOfficerNow(client, boardId, actorAccountId))) return 'not-found' as const;
      const state = officerInvitationState(invitation, at);
      if (state !== 'open') return state;
      await client.query('UPDATE officer_invitations SET withdrawn_at = $1 WHERE id = $2', [at, invitation.id]);
      await insertOfficerChange(client, { boardId, actorAccountId, action: 'invitation-withdrawn', subject: invitation.id, at });
      return 'done' as const;
    });
  }

  async listBoardOfficersWithDates(boardId: string): Promise<BoardOfficerRecord[]> {
    const rows = await this.rows(
      `SELECT a.*, o.added_at AS officer_added_at FROM accounts a JOIN board_officers o ON o.account_id = a.id
       WHERE o.board_id = $1 ORDER BY o.added_at, a.name`,
      [boardId],
    );
    return rows.map((row) => ({ account: toAccount(row)!, addedAt: Number(row.officer_added_at) }));
  }

  async removeBoardOfficer(boardId: string, accountId: string, actorAccountId: string, at: number): Promise<OfficerRemoval> {
    return inTransaction(this.pool, async (client): Promise<OfficerRemoval> => {
      // The board's row is the lock: two officers removing each other at once are decided one after the other.
      await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      if (!(await isOfficerNow(client, boardId, actorAccountId))) return 'actor-not-officer';
      if (!(await isOfficerNow(client, boardId, accountId))) return 'not-officer';
      const count = await this.count('SELECT COUNT(*) AS n FROM board_officers WHERE board_id = $1', [boardId], client);
      if (count <= 1) return 'last-officer';
      await client.query('DELETE FROM board_officers WHERE board_id = $1 AND account_id = $2', [boardId, accountId]);
      await insertOfficerChange(client, {
        boardId,
        actorAccountId,
        action: accountId === actorAccountId ? 'officer-left' : 'officer-removed',
        subject: accountId,
        at,
      });
      return 'removed';
    });
  }

  async listOfficerChanges(boardId: string): Promise<OfficerChangeRecord[]> {
    const rows = await this.rows('SELECT * FROM officer_changes WHERE board_id = $1 ORDER BY seq', [boardId]);
    return rows.map((row) => ({
      boardId: String(row.board_id),
      actorAccountId: String(row.actor_account_id),
      action: toOfficerChangeAction(row.action),
      subject: String(row.subject),
      at: Number(row.at),
    }));
  }

  async recordBoardSettingChange(change: BoardSettingChangeRecord): Promise<void> {
    // The audit row and its record entry: both stored or neither.
    await inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO board_setting_changes (board_id, actor_person_id, setting, value_json, at) VALUES ($1, $2, $3, $4, $5)', [
        change.boardId,
        change.actorPersonId,
        change.setting,
        change.valueJson,
        change.at,
      ]);
      await issue13.appendRecordEntriesIn(client, change.boardId, [settingChangeEntry(change)]);
    });
  }

  async listBoardSettingChanges(boardId: string): Promise<BoardSettingChangeRecord[]> {
    const rows = await this.rows('SELECT * FROM board_setting_changes WHERE board_id = $1 ORDER BY seq', [boardId]);
    return rows.map((row) => ({
      boardId: String(row.board_id),
      actorPersonId: String(row.actor_person_id),
      setting: String(row.setting),
      valueJson: String(row.value_json),
      at: Number(row.at),
    }));
  }

  // Invitation links and participants

  async createInviteLink(link: InviteLinkRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO invite_links (id, board_id, role, token, code, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [link.id, link.boardId, link.role, link.token, link.code, link.createdAt, link.expiresAt, link.revokedAt],
    );
  }

  async findInviteLinkByToken(token: string): Promise<InviteLinkRecord | null> {
    return toInviteLink(await this.row('SELECT * FROM invite_links WHERE token = $1', [token]));
  }

  async findInviteLinkByCode(code: string): Promise<InviteLinkRecord | null> {
    return toInviteLink(await this.row('SELECT * FROM invite_links WHERE code = $1', [code]));
  }

  async findInviteLink(boardId: string, linkId: string): Promise<InviteLinkRecord | null> {
    return toInviteLink(await this.row('SELECT * FROM invite_links WHERE board_id = $1 AND id = $2', [boardId, linkId]));
  }

  async listInviteLinks(boardId: string): Promise<InviteLinkRecord[]> {
    const rows = await this.rows('SELECT * FROM invite_links WHERE board_id = $1 ORDER BY created_at DESC', [boardId]);
    return rows.map((row) => toInviteLink(row)!);
  }

  async revokeInviteLink(boardId: string, linkId: string, revokedAt: number): Promise<InviteLinkRecord | null> {
    await this.pool.query('UPDATE invite_links SET revoked_at = $1 WHERE board_id = $2 AND id = $3 AND revoked_at IS NULL', [revokedAt, boardId, linkId]);
    return this.findInviteLink(boardId, linkId);
  }

  async createParticipant(participant: ParticipantRecord, maxPeople: number): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [participant.boardId]);
      if ((await countParticipants(client, participant.boardId)) >= maxPeople) return false;
      await insertParticipant(client, participant);
      return true;
    });
  }

  async joinParticipant(participant: ParticipantRecord, maxPeople: number): Promise<JoinOutcome> {
    return inTransaction(this.pool, async (client): Promise<JoinOutcome> => {
      const { boardId } = participant;
      // Joins of one board are decided one at a time across instances (two racing joins cannot both win).
      await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [boardId]);
      const identityKey = participant.identityKey ?? null;
      if (await barredNow(client, boardId, { browserKey: participant.browserKey, identityKey, email: participant.email })) {
        return { kind: 'barred' };
      }
      if (identityKey !== null) {
        const holder = toParticipant(
          await this.row(
            // Someone whose link was revoked has lost access (sessions.ts), so their details are free again.
            `SELECT p.* FROM participants p
             WHERE p.board_id = $1 AND p.identity_key = $2 AND p.removed_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM invite_links l WHERE l.id = p.invite_link_id AND l.revoked_at IS NOT NULL)
             ORDER BY p.created_at LIMIT 1`,
            [boardId, identityKey],
            client,
          ),
        );
        if (holder) {
          const isSameBrowser = holder.browserKey != null && holder.browserKey === participant.browserKey;
          return isSameBrowser ? { kind: 'returned', participant: holder } : { kind: 'taken', holder };
        }
      }
      if ((await countParticipants(client, boardId)) >= maxPeople) return { kind: 'board-full' };
      await insertParticipant(client, participant);
      return { kind: 'joined', participant };
    });
  }

  async isBarredFromBoard(boardId: string, check: BarCheck): Promise<boolean> {
    return barredNow(this.pool, boardId, check);
  }

  async removeParticipants(boardId: string, participantIds: readonly string[], removedAt: number, removedBy: string): Promise<ParticipantRecord[]> {
    return inTransaction(this.pool, async (client) => {
      const removed: ParticipantRecord[] = [];
      for (const participantId of new Set(participantIds)) {
        const row = await this.row(
          'UPDATE participants SET removed_at = $1, removed_by = $2 WHERE board_id = $3 AND id = $4 AND removed_at IS NULL RETURNING *',
          [removedAt, removedBy, boardId, participantId],
          client,
        );
        const participant = toParticipant(row);
        if (participant) removed.push(participant);
      }
      return removed;
    });
  }

  async letParticipantBackIn(boardId: string, participantId: string, at: number, by: string): Promise<ParticipantRecord | null> {
    await this.pool.query(
      `UPDATE participants SET let_back_in_at = $1, let_back_in_by = $2
       WHERE board_id = $3 AND id = $4 AND removed_at IS NOT NULL AND let_back_in_at IS NULL`,
      [at, by, boardId, participantId],
    );
    const participant = await this.findParticipant(participantId);
    return participant && participant.boardId === boardId && participant.removedAt !== null ? participant : null;
  }

  async findParticipant(id: string): Promise<ParticipantRecord | null> {
    return toParticipant(await this.row('SELECT * FROM participants WHERE id = $1', [id]));
  }

  async listParticipants(boardId: string): Promise<ParticipantRecord[]> {
    const rows = await this.rows('SELECT * FROM participants WHERE board_id = $1 ORDER BY created_at', [boardId]);
    return rows.map((row) => toParticipant(row)!);
  }

  // Sessions

  async createSession(session: SessionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (token_hash, kind, account_id, participant_id, board_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [session.tokenHash, session.kind, session.accountId, session.participantId, session.boardId, session.createdAt, session.expiresAt],
    );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    return toSession(await this.row('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]));
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }

  // The document log

  async loadDocument(documentName: string): Promise<StoredDocument> {
    // REPEATABLE READ: the snapshot and the rows after it are read from one moment, even while another
    // instance compacts the same document.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshotRow = await this.row('SELECT state_bytes, through_seq FROM document_snapshots WHERE document_name = $1', [documentName], client);
      const afterSeq = snapshotRow ? Number(snapshotRow.through_seq) : 0;
      const rows = await this.rows(
        'SELECT seq, update_bytes FROM document_updates WHERE document_name = $1 AND seq > $2 ORDER BY seq',
        [documentName, afterSeq],
        client,
      );
      await client.query('COMMIT');
      const last = rows.at(-1);
      return {
        snapshot: snapshotRow ? new Uint8Array(snapshotRow.state_bytes as Buffer) : null,
        updates: rows.map((row) => new Uint8Array(row.update_bytes as Buffer)),
        throughSeq: last ? Number(last.seq) : afterSeq,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async appendDocumentUpdates(appends: DocumentAppend[]): Promise<number[]> {
    if (appends.length === 0) return [];
    const now = Date.now();
    return inTransaction(this.pool, async (client) => {
      // Each document's lock is held to the commit, so per document, seq order is commit order: a reader never
      // sees seq 11 committed while seq 10 is still to come (compaction "through 11" would then drop 10).
      // Locks in name order: two transactions never wait for each other in a circle.
      for (const name of [...new Set(appends.map((append) => append.documentName))].sort()) await lockName(client, `document:${name}`);
      const seqs: number[] = [];
      for (const append of appends) {
        const row = await this.row(
          'INSERT INTO document_updates (document_name, update_bytes, created_at) VALUES ($1, $2, $3) RETURNING seq',
          [append.documentName, Buffer.from(append.update), now],
          client,
        );
        seqs.push(Number(row?.seq));
      }
      return seqs;
    });
  }

  async compactDocument(documentName: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    if (!Number.isSafeInteger(throughSeq) || throughSeq < 0) throw new Error(`compactDocument: bad throughSeq ${throughSeq}`);
    await inTransaction(this.pool, async (client) => {
      // Two instances may compact the same document at once: one after the other, and never backwards.
      await lockName(client, `document:${documentName}`);
      const stored = await this.row('SELECT through_seq FROM document_snapshots WHERE document_name = $1', [documentName], client);
      if (stored && Number(stored.through_seq) > throughSeq) return;
      await client.query(
        `INSERT INTO document_snapshots (document_name, state_bytes, through_seq, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (document_name) DO UPDATE SET state_bytes = excluded.state_bytes,
           through_seq = excluded.through_seq, updated_at = excluded.updated_at`,
        [documentName, Buffer.from(snapshot), throughSeq, Date.now()],
      );
      // Exactly the rows the snapshot covers: rows appended while it was being built or written stay.
      await client.query('DELETE FROM document_updates WHERE document_name = $1 AND seq <= $2', [documentName, throughSeq]);
    });
  }

  async describeDocumentLog(documentName: string): Promise<DocumentLogSize> {
    const snapshot = await this.row('SELECT octet_length(state_bytes) AS bytes, through_seq FROM document_snapshots WHERE document_name = $1', [documentName]);
    const throughSeq = snapshot ? Number(snapshot.through_seq) : 0;
    const log = await this.row(
      'SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(update_bytes)), 0) AS bytes FROM document_updates WHERE document_name = $1 AND seq > $2',
      [documentName, throughSeq],
    );
    return { updates: Number(log?.n ?? 0), updateBytes: Number(log?.bytes ?? 0), snapshotBytes: Number(snapshot?.bytes ?? 0), snapshotThroughSeq: throughSeq };
  }

  async findDocumentEpoch(boardId: string): Promise<string | null> {
    return nullableString((await this.row('SELECT document_epoch FROM boards WHERE id = $1', [boardId]))?.document_epoch);
  }

  async listDocumentNames(prefix: string): Promise<string[]> {
    // starts_with, not LIKE: ids may hold '_' or '%'.
    const rows = await this.rows(
      `SELECT document_name FROM (
         SELECT document_name FROM document_snapshots WHERE starts_with(document_name, $1)
         UNION SELECT document_name FROM document_updates WHERE starts_with(document_name, $1)
       ) AS names ORDER BY document_name COLLATE "C"`,
      [prefix],
    );
    return rows.map((row) => String(row.document_name));
  }

  async probeWrite(at: number): Promise<void> {
    await this.pool.query('INSERT INTO write_probes (id, probed_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at', [at]);
  }

  // Audit: refusals, phases, moderation

  async recordRefusal(boardId: string, personId: string, rule: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO refusals (board_id, person_id, rule, count, last_at) VALUES ($1, $2, $3, 1, $4)
       ON CONFLICT (board_id, person_id, rule) DO UPDATE SET count = refusals.count + 1, last_at = excluded.last_at`,
      [boardId, personId, rule, at],
    );
  }

  async listRefusals(boardId: string): Promise<RefusalCount[]> {
    const rows = await this.rows('SELECT person_id, rule, count, last_at FROM refusals WHERE board_id = $1 ORDER BY last_at DESC', [boardId]);
    return rows.map((row) => ({ personId: String(row.person_id), rule: String(row.rule), count: Number(row.count), lastAt: Number(row.last_at) }));
  }

  async recordBoardPhase(boardId: string, phase: BoardPhase, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO board_phases (board_id, phase, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (board_id) DO UPDATE SET phase = excluded.phase, updated_at = excluded.updated_at`,
      [boardId, phase, at],
    );
  }

  async recordBoardSchedule(boardId: string, schedule: BoardSchedule, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO board_phases (board_id, opens_at, closes_at, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at, updated_at = excluded.updated_at`,
      [boardId, schedule.opensAt, schedule.closesAt, at],
    );
  }

  async findBoardPhase(boardId: string): Promise<BoardPhaseRecord | null> {
    const row = await this.row('SELECT * FROM board_phases WHERE board_id = $1', [boardId]);
    return row ? toBoardPhase(row) : null;
  }

  async listScheduledBoards(): Promise<BoardPhaseRecord[]> {
    const rows = await this.rows('SELECT * FROM board_phases WHERE opens_at IS NOT NULL OR closes_at IS NOT NULL');
    return rows.map(toBoardPhase);
  }

  async recordPhaseChange(change: PhaseChangeRecord): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO phase_changes (board_id, actor, from_phase, to_phase, at) VALUES ($1, $2, $3, $4, $5)', [
        change.boardId,
        change.actor,
        change.from,
        change.to,
        change.at,
      ]);
      await issue13.appendRecordEntriesIn(client, change.boardId, [phaseChangeEntry(change)]);
    });
  }

  async listPhaseChanges(boardId: string): Promise<PhaseChangeRecord[]> {
    const rows = await this.rows('SELECT * FROM phase_changes WHERE board_id = $1 ORDER BY seq', [boardId]);
    return rows.map((row) => ({ boardId: String(row.board_id), actor: nullableString(row.actor), from: toPhase(row.from_phase), to: toPhase(row.to_phase), at: Number(row.at) }));
  }

  async appendModerationActions(actions: readonly ModerationActionRecord[]): Promise<void> {
    if (actions.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      for (const action of actions) {
        await client.query(
          `INSERT INTO moderation_actions (board_id, item_kind, item_key, action, reason, detail, officer_id, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [action.boardId, action.kind, action.key, action.action, action.reason, action.detail, action.officerId, action.at],
        );
      }
      // All actions of one call are of one board (the port's contract).
      await issue13.appendRecordEntriesIn(client, actions[0]!.boardId, actions.map(moderationEntry)); // reason: not empty (checked above)
    });
  }

  async listModerationActions(boardId: string): Promise<ModerationActionRecord[]> {
    const rows = await this.rows('SELECT * FROM moderation_actions WHERE board_id = $1 ORDER BY seq', [boardId]);
    return rows.map(toModerationAction);
  }

  async listHiddenItems(boardId: string): Promise<ModerationActionRecord[]> {
    const rows = await this.rows(
      `SELECT m.* FROM moderation_actions m
       WHERE m.board_id = $1 AND m.action = 'hide'
         AND m.seq = (SELECT MAX(seq) FROM moderation_actions l
                      WHERE l.board_id = m.board_id AND l.item_kind = m.item_kind AND l.item_key = m.item_key)
       ORDER BY m.seq`,
      [boardId],
    );
    return rows.map(toModerationAction);
  }

  // Issue 13: questions, council outcomes, reach, the record log, published records (pgIssue13.ts)

  async addQuestion(question: QuestionRecord): Promise<void> {
    await issue13.addQuestion(this.pool, question);
  }

  async countQuestionsSince(boardId: string, personId: string, since: number): Promise<number> {
    return issue13.countQuestionsSince(this.pool, boardId, personId, since);
  }

  async listQuestions(boardId: string): Promise<QuestionRecord[]> {
    return issue13.listQuestions(this.pool, boardId);
  }

  async answerQuestion(answer: { boardId: string; id: string; answer: string; answeredBy: string; answeredAt: number; publishedId: string }): Promise<boolean> {
    return issue13.answerQuestion(this.pool, answer);
  }

  async setCouncilOutcome(record: CouncilOutcomeRecord): Promise<void> {
    await issue13.setCouncilOutcome(this.pool, record);
  }

  async clearCouncilOutcome(boardId: string, kind: CouncilOutcomeRecord['kind'], key: string): Promise<void> {
    await issue13.clearCouncilOutcome(this.pool, boardId, kind, key);
  }

  async listCouncilOutcomes(boardId: string): Promise<CouncilOutcomeRecord[]> {
    return issue13.listCouncilOutcomes(this.pool, boardId);
  }

  async saveParticipantProfile(profile: ParticipantProfileRecord): Promise<void> {
    await issue13.saveParticipantProfile(this.pool, profile);
  }

  async listParticipantProfiles(boardId: string): Promise<ParticipantProfileRecord[]> {
    return issue13.listParticipantProfiles(this.pool, boardId);
  }

  async appendRecordEntries(boardId: string, inputs: readonly RecordEntryInput[]): Promise<RecordEntry[]> {
    if (inputs.length === 0) return [];
    return inTransaction(this.pool, (client) => issue13.appendRecordEntriesIn(client, boardId, inputs));
  }

  async listRecordEntries(boardId: string): Promise<RecordEntry[]> {
    return issue13.listRecordEntries(this.pool, boardId);
  }

  async findRecordHead(boardId: string): Promise<RecordHead | null> {
    return issue13.findRecordHead(this.pool, boardId);
  }

  async savePublishedRecord(record: StoredPublishedRecord): Promise<void> {
    await issue13.savePublishedRecord(this.pool, record);
  }

  async findPublishedRecord(boardId: string): Promise<StoredPublishedRecord | null> {
    return issue13.findPublishedRecord(this.pool, boardId);
  }

  async listPipelineBoards(): Promise<PipelineBoard[]> {
    return issue13.listPipelineBoards(this.pool);
  }
}

class SetupLinkUsed extends Error {
  override name = 'SetupLinkUsed';
}

async function insertAccount(on: Queryable, account: AccountRecord): Promise<void> {
  await on.query('INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
    account.id,
    account.email,
    account.name,
    account.passwordHash,
    account.createdAt,
  ]);
}

async function isOfficerNow(on: Queryable, boardId: string, accountId: string): Promise<boolean> {
  return (await on.query('SELECT 1 FROM board_officers WHERE board_id = $1 AND account_id = $2', [boardId, accountId])).rowCount === 1;
}

async function invitationForUpdate(client: pg.PoolClient, invitationId: string): Promise<OfficerInvitationRecord | null> {
  return toOfficerInvitation((await client.query('SELECT * FROM officer_invitations WHERE id = $1 FOR UPDATE', [invitationId])).rows[0] as Row | undefined);
}

/** The invitation when addressed to this account's email and still open at `at`; otherwise why not. */
async function openInvitationFor(client: pg.PoolClient, invitationId: string, accountId: string, at: number): Promise<OfficerInvitationRecord | OfficerInvitationRefusal> {
  const invitation = await invitationForUpdate(client, invitationId);
  const account = toAccount((await client.query('SELECT * FROM accounts WHERE id = $1', [accountId])).rows[0] as Row | undefined);
  if (!invitation || !account || invitation.email !== account.email) return 'not-found';
  const state = officerInvitationState(invitation, at);
  return state === 'open' ? invitation : state;
}

/** Inside a transaction: the invitation's board gains the account, the invitation is spent, and it is audited. */
async function admitOfficer(client: pg.PoolClient, invitation: OfficerInvitationRecord, accountId: string, at: number): Promise<void> {
  await client.query('INSERT INTO board_officers (board_id, account_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [invitation.boardId, accountId, at]);
  await client.query('UPDATE officer_invitations SET used_at = $1 WHERE id = $2', [at, invitation.id]);
  await insertOfficerChange(client, { boardId: invitation.boardId, actorAccountId: accountId, action: 'invitation-accepted', subject: invitation.id, at });
}

async function insertOfficerChange(on: Queryable, change: OfficerChangeRecord): Promise<void> {
  await on.query('INSERT INTO officer_changes (board_id, actor_account_id, action, subject, at) VALUES ($1, $2, $3, $4, $5)', [
    change.boardId,
    change.actorAccountId,
    change.action,
    change.subject,
    change.at,
  ]);
}

async function countParticipants(on: Queryable, boardId: string): Promise<number> {
  return Number((await on.query('SELECT COUNT(*) AS n FROM participants WHERE board_id = $1', [boardId])).rows[0]?.n ?? 0);
}

async function insertParticipant(on: Queryable, participant: ParticipantRecord): Promise<void> {
  await on.query(
    `INSERT INTO participants (id, board_id, role, name, organisation, email, invite_link_id, created_at, removed_at, identity_key, browser_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
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
    ],
  );
}

/** A removal that was not lifted, matching the browser, the folded details or the email (each only when given). */
async function barredNow(on: Queryable, boardId: string, check: BarCheck): Promise<boolean> {
  const result = await on.query(
    `SELECT 1 FROM participants
     WHERE board_id = $1 AND removed_at IS NOT NULL AND let_back_in_at IS NULL
       AND ((browser_key IS NOT NULL AND browser_key = $2)
         OR (identity_key IS NOT NULL AND identity_key = $3)
         OR (email IS NOT NULL AND email = $4))
     LIMIT 1`,
    [boardId, check.browserKey ?? null, check.identityKey ?? null, check.email ?? null],
  );
  return (result.rowCount ?? 0) > 0;
}
