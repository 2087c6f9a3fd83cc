/**
 * The store's port for boards themselves: create, find, change and list them, and the audit of officers'
 * changes to a board's workshop settings. Who runs a board is the officers port (officersPort.ts).
 * Contracts: tests/contract/boardsParticipantsContract.ts (boards), boardSettingChangesContract.ts.
 */
import type { BoardStatus } from '../../../shared/protocol/api.js';
import type { PipelineDetails } from '../../../shared/schema/pipeline.js';

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

export interface BoardsPort {
  /** Stores the board and, when `ownerAccountId` is given, makes that account its first officer. */
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

  /** Audits one change of a board setting by an officer (durable before it resolves). */
  recordBoardSettingChange(change: BoardSettingChangeRecord): Promise<void>;
  /** The board's setting changes, oldest first. */
  listBoardSettingChanges(boardId: string): Promise<BoardSettingChangeRecord[]>;
}
