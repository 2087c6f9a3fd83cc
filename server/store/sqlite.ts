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
} from './store.js';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import { enableIncrementalVacuum, SpaceReclaimer } from './sqliteSpace.js';

type Row = Record<string, unknown>;

/** The embedded store: one SQLite file in WAL mode under the data directory. */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    // WAL lets readers run beside the writer; synchronous=FULL makes every commit durable before we answer.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    enableIncrementalVacuum(this.db);
    migrate(this.db);
    this.spaceReclaimer = new SpaceReclaimer(this.db);
  }

  /** Gives freed pages and WAL space back after compactions. */
  private readonly spaceReclaimer: SpaceReclaimer;

  /** Prepared statements, kept: better-sqlite3 re-parses the SQL on every prepare (a hot path under load). */
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  static inDataDir(dataDir: string): SqliteStore {
    return new SqliteStore(path.join(dataDir, 'open-ideas-wall.sqlite'));
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
    changes: Partial<Pick<BoardRecord, 'title' | 'summary' | 'notice' | 'status'>>,
    updatedAt: number,
  ): Promise<BoardRecord | null> {
    const current = await this.findBoard(id);
    if (!current) return null;
    const next = { ...current, ...changes, updatedAt };
    this.db
      .prepare('UPDATE boards SET title = ?, summary = ?, notice = ?, status = ?, updated_at = ? WHERE id = ?')
      .run(next.title, next.summary, next.notice, next.status, next.updatedAt, id);
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
    this.db
      .prepare(
        `INSERT INTO officer_invitations (id, token_hash, board_id, email, invited_by, created_at, used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        invitation.id,
        invitation.tokenHash,
        invitation.boardId,
        invitation.email,
        invitation.invitedBy,
        invitation.createdAt,
        invitation.usedAt,
      );
  }

  async findOfficerInvitationByTokenHash(tokenHash: string): Promise<OfficerInvitationRecord | null> {
    return toOfficerInvitation(
      this.statement('SELECT * FROM officer_invitations WHERE token_hash = ?').get(tokenHash) as Row | undefined,
    );
  }

  async listOpenOfficerInvitations(boardId: string): Promise<OfficerInvitationRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM officer_invitations WHERE board_id = ? AND used_at IS NULL ORDER BY created_at')
      .all(boardId) as Row[];
    return rows.map((row) => toOfficerInvitation(row)!);
  }

  async acceptOfficerInvitation(invitationId: string, account: AccountRecord, usedAt: number): Promise<boolean> {
    return this.db.transaction(() => {
      const invitation = toOfficerInvitation(
        this.statement('SELECT * FROM officer_invitations WHERE id = ?').get(invitationId) as Row | undefined,
      );
      if (!invitation || invitation.usedAt !== null) return false;
      if (this.statement('SELECT 1 FROM accounts WHERE email = ?').get(account.email) !== undefined) return false;
      this.insertAccount(account);
      // Every open invitation to this email address is honoured by the one new account.
      const open = this.db
        .prepare('SELECT board_id FROM officer_invitations WHERE email = ? AND used_at IS NULL')
        .all(account.email) as Array<{ board_id: string }>;
      const addOfficer = this.statement(
        'INSERT OR IGNORE INTO board_officers (board_id, account_id, added_at) VALUES (?, ?, ?)',
      );
      for (const row of open) addOfficer.run(row.board_id, account.id, usedAt);
      this.statement('UPDATE officer_invitations SET used_at = ? WHERE email = ? AND used_at IS NULL').run(usedAt, account.email);
      return true;
    }).immediate();
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
      const count = (
        this.statement('SELECT COUNT(*) AS n FROM participants WHERE board_id = ?').get(participant.boardId) as {
          n: number;
        }
      ).n;
      if (count >= maxPeople) return false;
      this.db
        .prepare(
          `INSERT INTO participants (id, board_id, role, name, organisation, email, invite_link_id, created_at, removed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          participant.id,
          participant.boardId,
          participant.role,
          participant.name,
          participant.organisation,
          participant.email,
          participant.inviteLinkId,
          participant.createdAt,
          participant.removedAt,
        );
      return true;
    }).immediate();
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
    const row = this.statement('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    if (!row) return null;
    return {
      tokenHash: String(row.token_hash),
      kind: row.kind as SessionRecord['kind'],
      accountId: nullableString(row.account_id),
      participantId: nullableString(row.participant_id),
      boardId: nullableString(row.board_id),
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
    };
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
    const insert = this.statement('INSERT INTO document_updates (document_name, update_bytes, created_at) VALUES (?, ?, ?)');
    const now = Date.now();
    return this.db.transaction(() =>
      appends.map((append) => Number(insert.run(append.documentName, Buffer.from(append.update), now).lastInsertRowid)),
    )();
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

  async removeParticipant(boardId: string, participantId: string, removedAt: number): Promise<ParticipantRecord | null> {
    this.db
      .prepare('UPDATE participants SET removed_at = ? WHERE board_id = ? AND id = ? AND removed_at IS NULL')
      .run(removedAt, boardId, participantId);
    const participant = await this.findParticipant(participantId);
    return participant && participant.boardId === boardId ? participant : null;
  }

  async recordRefusal(boardId: string, personId: string, rule: string, at: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO refusals (board_id, person_id, rule, count, last_at) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT(board_id, person_id, rule) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
      )
      .run(boardId, personId, rule, at);
  }

  async listRefusals(boardId: string): Promise<RefusalCount[]> {
    const rows = this.db
      .prepare('SELECT person_id, rule, count, last_at FROM refusals WHERE board_id = ? ORDER BY last_at DESC')
      .all(boardId) as Array<{ person_id: string; rule: string; count: number; last_at: number }>;
    return rows.map((row) => ({ personId: row.person_id, rule: row.rule, count: row.count, lastAt: row.last_at }));
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

function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toAccount(row: Row | undefined): AccountRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    passwordHash: String(row.password_hash),
    createdAt: Number(row.created_at),
  };
}

function toBoard(row: Row | undefined): BoardRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    title: String(row.title),
    summary: String(row.summary),
    notice: String(row.notice),
    status: row.status === 'archived' ? 'archived' : 'open',
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toOfficerInvitation(row: Row | undefined): OfficerInvitationRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    boardId: String(row.board_id),
    email: String(row.email),
    invitedBy: String(row.invited_by),
    createdAt: Number(row.created_at),
    usedAt: nullableNumber(row.used_at),
  };
}

function toInviteLink(row: Row | undefined): InviteLinkRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    boardId: String(row.board_id),
    role: row.role === 'observer' ? 'observer' : 'participant',
    token: String(row.token),
    code: nullableString(row.code),
    createdAt: Number(row.created_at),
    expiresAt: nullableNumber(row.expires_at),
    revokedAt: nullableNumber(row.revoked_at),
  };
}

function toParticipant(row: Row | undefined): ParticipantRecord | null {
  if (!row) return null;
  return {
    id: String(row.id),
    boardId: String(row.board_id),
    role: row.role === 'observer' ? 'observer' : 'participant',
    name: String(row.name),
    organisation: String(row.organisation),
    email: nullableString(row.email),
    inviteLinkId: String(row.invite_link_id),
    createdAt: Number(row.created_at),
    removedAt: nullableNumber(row.removed_at),
  };
}
