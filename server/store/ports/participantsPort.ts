/**
 * The store's port for the people on a board: joining (one transaction decides it), removals, the bars a
 * removal puts on a browser and details, and letting someone back in.
 * Contract: tests/contract/boardsParticipantsContract.ts.
 */
import type { InviteRole } from '../../../shared/protocol/api.js';

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

export interface ParticipantsPort {
  /** Adds a participant unless the board already has `maxPeople`; returns false when full. */
  createParticipant(participant: ParticipantRecord, maxPeople: number): Promise<boolean>;
  findParticipant(id: string): Promise<ParticipantRecord | null>;
  listParticipants(boardId: string): Promise<ParticipantRecord[]>;
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
}
