/**
 * The store's port for a board's workshop audit: how often people were refused (never what they sent), the
 * mirror of the board's phase and schedule, and every change of phase.
 * Contract: tests/contract/auditContract.ts. Moderation and setting changes have ports of their own.
 */
import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import type { BoardSchedule } from '../../../shared/schema/schedule.js';

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

export interface AuditPort {
  /** Counts a refusal for the audit: board, person and rule only. */
  recordRefusal(boardId: string, personId: string, rule: string, at: number): Promise<void>;
  listRefusals(boardId: string): Promise<RefusalCount[]>;

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
}
