/**
 * The store's port for what a council publishes (issue 13): the published record of a board (made once
 * when an officer publishes it, served to anyone) and the boards listed in the open pipeline.
 */
import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import type { BoardRecord } from './boardsPort.js';

/** A board's published record: its public JSON (server/published/publicRecord.ts) and when it was published. */
export interface StoredPublishedRecord {
  boardId: string;
  publishedAt: number;
  /** The `PublishedRecord` as JSON, exactly as served. */
  recordJson: string;
}

/** A board listed in the pipeline, with what the pipeline shows of its state. */
export interface PipelineBoard {
  board: BoardRecord;
  phase: BoardPhase | null;
  opensAt: number | null;
  closesAt: number | null;
  /** When its record was published, or null. */
  publishedAt: number | null;
}

export interface PublicRecordsPort {
  /** Stores (or replaces) the board's published record. */
  savePublishedRecord(record: StoredPublishedRecord): Promise<void>;
  findPublishedRecord(boardId: string): Promise<StoredPublishedRecord | null>;
  /** Every board whose officers listed it in the pipeline. */
  listPipelineBoards(): Promise<PipelineBoard[]>;
}
