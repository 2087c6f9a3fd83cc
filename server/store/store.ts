/**
 * Everything the server keeps goes through a Store: the union of small ports, one per concern, each in
 * ports/ with its record types and one contract suite in tests/contract/ that runs against every
 * implementation (SQLite: sqlite.ts; PostgreSQL: postgres/PostgresStore.ts). Code that needs one concern
 * takes that port, not the whole Store, so what it may touch is visible in its signature.
 * Times are milliseconds since the epoch. Methods that find nothing return null, never throw.
 */
import type { AccountsPort } from './ports/accountsPort.js';
import type { AuditPort } from './ports/auditPort.js';
import type { BoardsPort } from './ports/boardsPort.js';
import type { DocumentLogPort } from './ports/documentLogPort.js';
import type { FairnessPort } from './ports/fairnessPort.js';
import type { HealthPort } from './ports/healthPort.js';
import type { InviteLinksPort } from './ports/inviteLinksPort.js';
import type { ModerationPort } from './ports/moderationPort.js';
import type { OfficersPort } from './ports/officersPort.js';
import type { ParticipantsPort } from './ports/participantsPort.js';
import type { PublicRecordsPort } from './ports/publicRecordsPort.js';
import type { RecordLogPort } from './ports/recordLogPort.js';

// The record types are imported from here all over the server: re-exported so those imports keep working.
export type { AccountRecord, AccountsPort, SessionKind, SessionRecord } from './ports/accountsPort.js';
export type { AuditPort, BoardPhaseRecord, PhaseChangeRecord, RefusalCount } from './ports/auditPort.js';
export type { BoardRecord, BoardSettingChangeRecord, BoardsPort } from './ports/boardsPort.js';
export type { DocumentAppend, DocumentLogPort, DocumentLogSize, StoredDocument } from './ports/documentLogPort.js';
export type { CouncilOutcomeRecord, FairnessPort, ParticipantProfileRecord, QuestionRecord } from './ports/fairnessPort.js';
export type { HealthPort } from './ports/healthPort.js';
export type { InviteLinkRecord, InviteLinksPort } from './ports/inviteLinksPort.js';
export type { ModerationActionRecord, ModerationPort } from './ports/moderationPort.js';
export type {
  BoardOfficerRecord,
  OfficerChangeRecord,
  OfficerInvitationRecord,
  OfficerInvitationRefusal,
  OfficerRemoval,
  OfficersPort,
} from './ports/officersPort.js';
export type { BarCheck, JoinOutcome, ParticipantRecord, ParticipantsPort } from './ports/participantsPort.js';
export type { PipelineBoard, PublicRecordsPort, StoredPublishedRecord } from './ports/publicRecordsPort.js';
export type { RecordLogPort } from './ports/recordLogPort.js';

export interface Store
  extends HealthPort,
    AccountsPort,
    BoardsPort,
    OfficersPort,
    InviteLinksPort,
    ParticipantsPort,
    DocumentLogPort,
    AuditPort,
    ModerationPort,
    FairnessPort,
    RecordLogPort,
    PublicRecordsPort {}
