/**
 * The council's open pipeline (issue 13): the boards officers listed, as suppliers need them to get early
 * sight — upcoming, open now and past, each with its service area, project stage, dates, how to take part
 * and a link to its published record. One list feeds the page, the Atom feed and the JSON.
 */
import { isFinished, type BoardPhase } from '../../shared/schema/briefMeta.js';
import { EMPTY_PIPELINE, PROJECT_STAGE_LABELS, type PipelineDetails } from '../../shared/schema/pipeline.js';
import type { BoardReach } from '../../shared/schema/reach.js';
import type { PipelineBoard } from '../store/ports/publicRecordsPort.js';

export type EngagementTiming = 'upcoming' | 'open' | 'past';

export const TIMING_LABELS: Readonly<Record<EngagementTiming, string>> = { upcoming: 'Upcoming', open: 'Open now', past: 'Past' };

/** One engagement as the pipeline shows it (the JSON version is exactly this, in a list). */
export interface Engagement {
  id: string;
  title: string;
  summary: string;
  serviceArea: string;
  /** The project's stage ('' when not said) and its label. */
  stage: PipelineDetails['stage'];
  stageLabel: string;
  timing: EngagementTiming;
  startsOn: string | null;
  endsOn: string | null;
  howToTakePart: string;
  /** Path of the published record, or null while there is none. */
  recordPath: string | null;
  publishedAt: string | null;
  /** ISO 8601: the last change of the board's details or its publication (the feed's `updated`). */
  updatedAt: string;
  /** Who took part, as counts (never who): for engagements with a published record; null before. */
  reach: { participants: number; smes: number; firstTime: number } | null;
}

function timingOf(phase: BoardPhase | null, pipeline: PipelineDetails, today: string, archived: boolean): EngagementTiming {
  if (archived || (phase !== null && isFinished(phase))) return 'past';
  if (pipeline.endsOn !== '' && pipeline.endsOn < today) return 'past';
  if (phase === 'open' || phase === 'voting') return 'open';
  return 'upcoming';
}

export function engagementsOf(boards: readonly PipelineBoard[], now: number, reachOf: ReadonlyMap<string, BoardReach> = new Map()): Engagement[] {
  const today = new Date(now).toISOString().slice(0, 10);
  return boards.map(({ board, phase, publishedAt }) => {
    const pipeline = board.pipeline ?? EMPTY_PIPELINE;
    const updated = Math.max(board.updatedAt, publishedAt ?? 0);
    return {
      id: board.id,
      title: board.title,
      summary: board.summary,
      serviceArea: pipeline.serviceArea,
      stage: pipeline.stage,
      stageLabel: pipeline.stage === '' ? 'Not stated' : PROJECT_STAGE_LABELS[pipeline.stage],
      timing: timingOf(phase, pipeline, today, board.status === 'archived'),
      startsOn: pipeline.startsOn || null,
      endsOn: pipeline.endsOn || null,
      howToTakePart: pipeline.howToTakePart,
      recordPath: publishedAt === null ? null : `/record/${encodeURIComponent(board.id)}`,
      publishedAt: publishedAt === null ? null : new Date(publishedAt).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      reach: reachCounts(publishedAt === null ? undefined : reachOf.get(board.id)),
    };
  });
}

function reachCounts(reach: BoardReach | undefined): Engagement['reach'] {
  return reach ? { participants: reach.participants, smes: reach.smes, firstTime: reach.firstTime } : null;
}

/** "12 suppliers took part: 8 small or medium-sized (SMEs), 5 new to working with the council." */
export function describeReach(reach: NonNullable<Engagement['reach']>): string {
  const people = reach.participants === 1 ? '1 supplier' : `${reach.participants} suppliers`;
  return `${people} took part: ${reach.smes} small or medium-sized (SMEs), ${reach.firstTime} new to working with the council.`;
}

/** Upcoming first (soonest first), then open, then past (latest first). */
export function inPipelineOrder(engagements: readonly Engagement[]): Engagement[] {
  const rank: Record<EngagementTiming, number> = { open: 0, upcoming: 1, past: 2 };
  return [...engagements].sort((a, b) => {
    if (a.timing !== b.timing) return rank[a.timing] - rank[b.timing];
    const day = (a.startsOn ?? '9999').localeCompare(b.startsOn ?? '9999');
    return a.timing === 'past' ? -day : day;
  });
}
