/**
 * Votes, reactions and comments as the wall page shows them: counts from the wall (the server's tallies
 * and published comments), the viewer's own dots, reactions and comments from their draft, and what the
 * server said about them (note-status `records`). The client only explains: `mayWrite` decides nothing here
 * that the server does not decide again.
 */
import type * as Y from 'yjs';
import type { RecordOutcome } from '../../shared/publisher/recordOutcome.js';
import { mayWrite } from '../../shared/rules/mayWrite.js';
import type { BoardPhase } from '../../shared/schema/briefMeta.js';
import { readMyComments, type DraftComment } from '../../shared/schema/draftComments.js';
import { readMyReactions, type Reaction } from '../../shared/schema/draftReactions.js';
import { readMyVotes } from '../../shared/schema/draftVotes.js';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { commentsByNote, type WallComment } from '../../shared/schema/wallComments.js';
import { readWallTallies, type WallTally } from '../../shared/schema/wallTallies.js';
import { readWallPeople, type WallKey, type WallPerson } from '../../shared/schema/wall.js';
import type { VotingSettings } from '../../shared/schema/votingSettings.js';

/** What the wall says about notes: counts, comments and who wrote them. */
export interface WallRecords {
  noteKeys: ReadonlySet<string>;
  tallies: ReadonlyMap<WallKey, WallTally>;
  comments: ReadonlyMap<WallKey, ReadonlyArray<WallComment & { key: WallKey }>>;
  people: ReadonlyMap<string, WallPerson>;
}

export const EMPTY_WALL_RECORDS: WallRecords = { noteKeys: new Set(), tallies: new Map(), comments: new Map(), people: new Map() };

export function readWallRecords(doc: Y.Doc): WallRecords {
  return {
    noteKeys: new Set(doc.getMap<unknown>(WALL_ROOTS.notes).keys()),
    tallies: readWallTallies(doc),
    comments: commentsByNote(doc),
    people: readWallPeople(doc),
  };
}

/** The viewer's own records, from their draft. */
export interface MyRecords {
  votes: ReadonlyMap<WallKey, number>;
  reactions: ReadonlyMap<WallKey, ReadonlySet<Reaction>>;
  comments: ReadonlyMap<string, DraftComment>;
}

export const EMPTY_MY_RECORDS: MyRecords = { votes: new Map(), reactions: new Map(), comments: new Map() };

export function readMyRecords(doc: Y.Doc): MyRecords {
  return { votes: readMyVotes(doc), reactions: readMyReactions(doc), comments: readMyComments(doc) };
}

/** The viewer's vote budget as far as this page can tell. */
export interface MyVoteBudget {
  budget: number;
  scope: VotingSettings['scope'];
  /** Dots of mine that count now (the server's word where it said something, else my draft's). */
  used: number;
  /** For 'person' scope; for 'organisation' the server alone knows what colleagues used. */
  left: number;
}

export function myVoteBudget(mine: MyRecords, wall: WallRecords, settings: VotingSettings, outcomes: readonly RecordOutcome[]): MyVoteBudget {
  const counted = new Map<string, number>();
  for (const outcome of outcomes) if (outcome.recordKind === 'vote' && outcome.counted !== undefined) counted.set(outcome.recordId, outcome.counted);
  let used = 0;
  for (const [key, dots] of mine.votes) if (wall.noteKeys.has(key)) used += counted.get(key) ?? dots;
  return { budget: settings.budget, scope: settings.scope, used, left: Math.max(0, settings.budget - used) };
}

/** Whether "Add a vote" is offered: the same rule the server applies (`mayWrite`), for explaining only. */
export function mayAddVote(budget: MyVoteBudget, phase: BoardPhase, role: 'officer' | 'participant'): boolean {
  // In organisation scope colleagues' dots are unknown here: offer it, and show the server's answer.
  const wanted = budget.scope === 'person' ? budget.used + 1 : 1;
  return mayWrite({ kind: 'vote', wanted, allowed: budget.budget, budgetScope: budget.scope }, { role, phase, now: Date.now() }).ok;
}

export function mayReact(phase: BoardPhase, role: 'officer' | 'participant'): boolean {
  return mayWrite({ kind: 'react' }, { role, phase, now: Date.now() }).ok;
}

export function mayComment(phase: BoardPhase, role: 'officer' | 'participant'): boolean {
  return mayWrite({ kind: 'comment' }, { role, phase, now: Date.now() }).ok;
}
