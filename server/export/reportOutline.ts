/**
 * The outline both readable reports (HTML and Markdown) follow, so they say the same thing: each problem,
 * then each service map's stages, then notes whose problem or stage was removed; within each, its clusters
 * (in the order they were made) and then the notes in no cluster; within a group, most votes first, then
 * oldest first. Hidden notes are listed apart, without their text: a report is made to be shared, and a
 * note is usually hidden because its text should not be (the CSV and JSON exports carry it for officers).
 */
import { PROBLEM_DETAIL_LABELS, PROJECT_STAGE_LABELS, VALUE_BAND_LABELS, type ProblemDetails } from '../../shared/schema/problemDetails.js';
import { ORGANISATION_SIZE_LABELS, type BoardReach } from '../../shared/schema/reach.js';
import type { BoardRecord, ExportComment, ExportNote } from './boardRecord.js';
import type { ExportCouncilAnswer, ExportModerationEntry, ExportQuestionAndAnswer } from './fairnessRecord.js';

export interface NoteGroup {
  /** The cluster's title, or null for the notes in no cluster. */
  clusterTitle: string | null;
  notes: ExportNote[];
  /** Sum of the notes' votes (null when the board hides votes until voting closes). */
  votes: number | null;
}

export interface TargetSection {
  kind: 'problem' | 'stage' | 'missing';
  title: string;
  /** For a stage: its service map's title. */
  serviceMapTitle: string | null;
  /** The problem's description or the stage's, as the brief has it. */
  description: string;
  /** A problem's details a supplier can act on (issue 13), as label and value; only those given. */
  details: Array<{ label: string; value: string }>;
  groups: NoteGroup[];
  noteCount: number;
}

export interface ReportOutline {
  sections: TargetSection[];
  hidden: ExportNote[];
  commentsByNote: Map<string, ExportComment[]>;
  /** Published clarification questions with the council's answers (never who asked). */
  questionsAndAnswers: ExportQuestionAndAnswer[];
  /** "You said, we did": the council's answer to ideas and clusters. */
  councilAnswers: ExportCouncilAnswer[];
  /** Every hide, restore and removal: kind, when, reason; never content or identity. */
  moderationLog: ExportModerationEntry[];
  /** Who took part, as counts (rows of label and count), or null when not known. */
  reach: { participants: number; smes: number; firstTime: number; bySize: Array<{ label: string; count: number }> } | null;
  /** Counts for the summary at the top. */
  totals: { notes: number; authors: number; organisations: number; votes: number | null; comments: number; hidden: number };
}

function sumVotes(notes: readonly ExportNote[]): number | null {
  let total = 0;
  for (const note of notes) {
    if (note.votes === null) return null;
    total += note.votes;
  }
  return total;
}

function byVotesThenTime(a: ExportNote, b: ExportNote): number {
  return (b.votes ?? 0) - (a.votes ?? 0) || a.createdAt.localeCompare(b.createdAt) || (a.key < b.key ? -1 : 1);
}

function groupsOf(notes: readonly ExportNote[], clusterOrder: readonly string[], clusterTitles: Map<string, string>): NoteGroup[] {
  const groups: NoteGroup[] = [];
  for (const clusterId of clusterOrder) {
    const inCluster = notes.filter((note) => note.clusterId === clusterId).sort(byVotesThenTime);
    if (inCluster.length > 0) groups.push({ clusterTitle: clusterTitles.get(clusterId) ?? '', notes: inCluster, votes: sumVotes(inCluster) });
  }
  const loose = notes.filter((note) => note.clusterId === null).sort(byVotesThenTime);
  if (loose.length > 0) groups.push({ clusterTitle: null, notes: loose, votes: sumVotes(loose) });
  return groups;
}

/** The outline of a board's report. */
export function outlineOf(record: BoardRecord): ReportOutline {
  const visible = record.notes.filter((note) => !note.isHidden);
  const hidden = record.notes.filter((note) => note.isHidden);
  const clusterOrder = record.clusters.map((cluster) => cluster.id);
  const clusterTitles = new Map(record.clusters.map((cluster) => [cluster.id, cluster.title]));
  const section = (
    kind: TargetSection['kind'],
    title: string,
    serviceMapTitle: string | null,
    description: string,
    notes: ExportNote[],
    details: TargetSection['details'] = [],
  ) => ({
    kind,
    title,
    serviceMapTitle,
    description,
    details,
    groups: groupsOf(notes, clusterOrder, clusterTitles),
    noteCount: notes.length,
  });
  const sections: TargetSection[] = [];
  for (const problem of record.problems) {
    const notes = visible.filter((note) => note.targetId === problem.id);
    sections.push(section('problem', problem.title, null, problem.body, notes, detailRows(problem.details)));
  }
  for (const map of record.serviceMaps) {
    for (const stage of map.stages) {
      sections.push(section('stage', stage.title, map.title, stage.description, visible.filter((note) => note.targetId === stage.id)));
    }
  }
  const orphans = visible.filter((note) => note.targetKind === 'missing');
  if (orphans.length > 0) sections.push(section('missing', 'Problems or stages since removed from the brief', null, '', orphans));

  const visibleKeys = new Set(visible.map((note) => note.key));
  const commentsByNote = new Map<string, ExportComment[]>();
  for (const comment of record.comments) {
    if (!visibleKeys.has(comment.noteKey)) continue;
    const list = commentsByNote.get(comment.noteKey);
    if (list) list.push(comment);
    else commentsByNote.set(comment.noteKey, [comment]);
  }
  const authors = new Set(visible.map((note) => note.authorId));
  const organisations = new Set(visible.map((note) => note.authorOrganisation.trim().toLowerCase()).filter(Boolean));
  return {
    sections,
    hidden,
    commentsByNote,
    questionsAndAnswers: record.questionsAndAnswers ?? [],
    councilAnswers: record.councilAnswers ?? [],
    moderationLog: record.moderationLog ?? [],
    reach: reachRows(record.reach ?? null),
    totals: {
      notes: visible.length,
      authors: authors.size,
      organisations: organisations.size,
      votes: sumVotes(visible),
      comments: [...commentsByNote.values()].reduce((sum, list) => sum + list.length, 0),
      hidden: hidden.length,
    },
  };
}

/** A problem's details as label and value rows, in the form's order; fields not given are left out. */
function detailRows(details: ProblemDetails | undefined): TargetSection['details'] {
  if (!details) return [];
  const rows: Array<{ label: string; value: string }> = [
    { label: PROBLEM_DETAIL_LABELS.outcomeSought, value: details.outcomeSought.trim() },
    { label: PROBLEM_DETAIL_LABELS.projectStage, value: details.projectStage ? PROJECT_STAGE_LABELS[details.projectStage] : '' },
    { label: PROBLEM_DETAIL_LABELS.valueBand, value: details.valueBand ? VALUE_BAND_LABELS[details.valueBand] : '' },
    { label: PROBLEM_DETAIL_LABELS.routeToMarket, value: details.routeToMarket.trim() },
    { label: PROBLEM_DETAIL_LABELS.timing, value: details.timing.trim() },
  ];
  return rows.filter((row) => row.value !== '');
}

function reachRows(reach: BoardReach | null): ReportOutline['reach'] {
  if (!reach) return null;
  const bySize = (Object.keys(ORGANISATION_SIZE_LABELS) as Array<keyof typeof ORGANISATION_SIZE_LABELS>).map((size) => ({
    label: ORGANISATION_SIZE_LABELS[size],
    count: reach.bySize[size],
  }));
  return { participants: reach.participants, smes: reach.smes, firstTime: reach.firstTime, bySize };
}

/** "1 vote", "3 votes": counts in words a report reads naturally with. */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** A time as people read it in a UK report: "3 December 2026, 14:05 UTC". */
export function readableTime(isoTime: string): string {
  const date = new Date(isoTime);
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}

/** The words for a note's counts: "2 votes, 1 plus one, 0 questions, 1 we have done this". */
export function countsOf(note: ExportNote): string {
  const parts = [
    note.votes === null ? 'votes hidden until voting closes' : plural(note.votes, 'vote', 'votes'),
    plural(note.plusOne, 'plus one', 'plus ones'),
    plural(note.question, 'question', 'questions'),
    `${note.doneThis.toLocaleString('en-GB')} “we have done this”`,
  ];
  return parts.join(', ');
}

export const PHASE_LABELS: Readonly<Record<string, string>> = {
  draft: 'Draft (not open yet)',
  open: 'Open for ideas',
  voting: 'Voting',
  closed: 'Closed',
  published: 'Published',
};
