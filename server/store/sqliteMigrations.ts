/**
 * Versioned schema for the SQLite store. Append new migrations; never edit one that has shipped.
 * Each runs in its own transaction and records its version in `schema_migrations`.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    notice TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'archived')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE board_officers (
    board_id TEXT NOT NULL REFERENCES boards(id),
    account_id TEXT NOT NULL REFERENCES accounts(id),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (board_id, account_id)
  );
  CREATE INDEX board_officers_by_account ON board_officers(account_id);
  CREATE TABLE officer_invitations (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    board_id TEXT NOT NULL REFERENCES boards(id),
    email TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE invite_links (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    role TEXT NOT NULL CHECK (role IN ('participant', 'observer')),
    token TEXT NOT NULL UNIQUE,
    code TEXT UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER
  );
  CREATE INDEX invite_links_by_board ON invite_links(board_id);
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    role TEXT NOT NULL CHECK (role IN ('participant', 'observer')),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    email TEXT,
    invite_link_id TEXT NOT NULL REFERENCES invite_links(id),
    created_at INTEGER NOT NULL,
    removed_at INTEGER
  );
  CREATE INDEX participants_by_board ON participants(board_id);
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('officer', 'participant', 'observer')),
    account_id TEXT,
    participant_id TEXT,
    board_id TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  `
  CREATE TABLE document_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    document_name TEXT NOT NULL,
    update_bytes BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX document_updates_by_document ON document_updates(document_name, seq);
  CREATE TABLE document_snapshots (
    document_name TEXT PRIMARY KEY,
    state_bytes BLOB NOT NULL,
    through_seq INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  ALTER TABLE boards ADD COLUMN document_epoch TEXT NOT NULL DEFAULT 'epoch-1';
  `,
  `
  CREATE TABLE refusals (
    board_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    count INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (board_id, person_id, rule)
  );
  `,
  // Officer invitations admit to one board, expire, can be declined or withdrawn; every officer change is audited.
  `
  ALTER TABLE officer_invitations ADD COLUMN invitee_account_id TEXT;
  ALTER TABLE officer_invitations ADD COLUMN expires_at INTEGER;
  ALTER TABLE officer_invitations ADD COLUMN declined_at INTEGER;
  ALTER TABLE officer_invitations ADD COLUMN withdrawn_at INTEGER;
  UPDATE officer_invitations SET expires_at = created_at + 604800000;
  CREATE INDEX officer_invitations_by_board ON officer_invitations(board_id);
  CREATE INDEX officer_invitations_by_invitee ON officer_invitations(invitee_account_id);
  CREATE TABLE officer_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    actor_account_id TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX officer_changes_by_board ON officer_changes(board_id, seq);
  `,
  // A one-row table the readiness check writes to: can the store still write (disk full, read-only)?
  `
  CREATE TABLE write_probes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at INTEGER NOT NULL
  );
  `,
  // Removal bars a person's browser and details; one board may ask for an email at join.
  `
  ALTER TABLE participants ADD COLUMN identity_key TEXT;
  ALTER TABLE participants ADD COLUMN browser_key TEXT;
  ALTER TABLE participants ADD COLUMN removed_by TEXT;
  ALTER TABLE participants ADD COLUMN let_back_in_at INTEGER;
  ALTER TABLE participants ADD COLUMN let_back_in_by TEXT;
  CREATE INDEX participants_by_board_identity ON participants(board_id, identity_key);
  CREATE INDEX participants_by_board_browser ON participants(board_id, browser_key);
  ALTER TABLE boards ADD COLUMN requires_email INTEGER NOT NULL DEFAULT 0;
  `,
  // Workshop phases: the brief's phase and schedule mirrored for REST and the scheduler; every phase change audited.
  `
  CREATE TABLE board_phases (
    board_id TEXT PRIMARY KEY,
    phase TEXT,
    opens_at INTEGER,
    closes_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX board_phases_by_schedule ON board_phases(opens_at, closes_at);
  CREATE TABLE phase_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    actor TEXT,
    from_phase TEXT NOT NULL,
    to_phase TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX phase_changes_by_board ON phase_changes(board_id, seq);
  `,
  // Moderation (issue 12): every hide and restore of a note or comment, with reason, officer and time.
  `
  CREATE TABLE moderation_actions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('note', 'comment')),
    item_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('hide', 'restore')),
    reason TEXT CHECK (reason IS NULL OR reason IN ('off-topic', 'duplicate', 'offensive', 'personal-data', 'commercial-in-confidence')),
    detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
    officer_id TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX moderation_actions_by_item ON moderation_actions(board_id, item_kind, item_key, seq);
  `,
  // Officers' changes to a board's workshop settings (anonymous mode first), audited: who, when, what.
  `
  CREATE TABLE board_setting_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    actor_person_id TEXT NOT NULL,
    setting TEXT NOT NULL,
    value_json TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX board_setting_changes_by_board ON board_setting_changes(board_id, seq);
  `,
  // Fairness (issue 13): clarification questions (private until answered), the council's answers to ideas
  // ("you said, we did") and what participants said about their organisation at join (reach, counts only).
  `
  CREATE TABLE clarification_questions (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    target_id TEXT,
    question TEXT NOT NULL CHECK (length(question) <= 1000),
    asked_at INTEGER NOT NULL,
    answer TEXT CHECK (answer IS NULL OR length(answer) <= 2000),
    answered_by TEXT,
    answered_at INTEGER,
    published_id TEXT
  );
  CREATE INDEX clarification_questions_by_person ON clarification_questions(board_id, person_id, asked_at);
  CREATE TABLE council_outcomes (
    board_id TEXT NOT NULL,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('note', 'cluster')),
    item_key TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('taken-forward', 'not-taken-forward', 'already-in-place')),
    reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    officer_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (board_id, item_kind, item_key)
  );
  CREATE TABLE participant_profiles (
    participant_id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL,
    organisation_size TEXT CHECK (organisation_size IS NULL OR organisation_size IN ('micro', 'small', 'medium', 'large', 'vcse')),
    worked_before TEXT CHECK (worked_before IS NULL OR worked_before IN ('yes', 'no', 'not-sure'))
  );
  CREATE INDEX participant_profiles_by_board ON participant_profiles(board_id);
  `,
  // The record log (issue 13): each board's hash-chained account of accepted changes, one canonical line each.
  `
  CREATE TABLE record_log (
    board_id TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    hash TEXT NOT NULL,
    at TEXT NOT NULL,
    line TEXT NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) WITHOUT ROWID;
  `,
  // Published records and the open pipeline (issue 13): a board's pipeline details, and the public record
  // made when an officer published it (one per board, replaced when published again).
  `
  ALTER TABLE boards ADD COLUMN pipeline_json TEXT;
  CREATE TABLE published_records (
    board_id TEXT PRIMARY KEY,
    published_at INTEGER NOT NULL,
    record_json TEXT NOT NULL
  );
  `,
  // Record entries staged with the wall change they record (issue 15, ADR 0011): committed in the same
  // transaction as the change, chained into record_log right after its broadcast (or at the next read,
  // append or start), so the hashing is off the note's way and no change is ever stored without its entry.
  // Kept small on purpose (one page written per commit): no index (it is empty between two commits) and
  // no AUTOINCREMENT (new rows always take a rowid above every row left, which is all the order needs).
  `
  CREATE TABLE record_staged (
    id INTEGER PRIMARY KEY,
    board_id TEXT NOT NULL,
    input_json TEXT NOT NULL
  );
  `,
];
