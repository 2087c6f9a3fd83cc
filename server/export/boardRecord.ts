/**
 * The board as one plain record for officers' exports (CSV, JSON, HTML and Markdown are all made from it):
 * the brief (problems, service maps and stages), every note on the wall and every note an officer hid, with
 * its author as the STORE knows them (so anonymous mode, which keeps names off the wall, does not change an
 * officer's export), its cluster, counts and comments. Pure: `readBoardRecord.ts` gathers the input.
 *
 * Never in it: emails (no field carries one, and the input types have none), confidential notes (never on
 * the wall, and a hidden note's draft copy is dropped if it became confidential), drafts' unpublished notes.
 * The shape is documented in docs/export-schema.md: change both together, and bump the version on a change
 * that would break a reader.
 */
import type { BriefState } from '../../shared/schema/brief.js';
import type { WallKey, WallNote } from '../../shared/schema/wall.js';
import type { ClusterInput } from './readers/clusters.js';
import type { HiddenNoteEntry } from './readers/hiddenNotes.js';
import type { TallyInput } from './readers/tallies.js';
import { buildFairnessRecord, type FairnessInput, type FairnessRecord } from './fairnessRecord.js';
import { NO_DETAILS, type ProblemDetails } from '../../shared/schema/problemDetails.js';
import type { CommentInput } from './readers/wallComments.js';

/** Names the document kind in the JSON export. */
export const BOARD_EXPORT_SCHEMA = 'open-ideas-wall/board-export';
/** Version of the export's shape; see docs/export-schema.md. */
export const BOARD_EXPORT_VERSION = 1;

export type ExportRole = 'officer' | 'participant' | 'observer';

/** A person as the store knows them: never their email. */
export interface ExportPerson {
  id: string;
  name: string;
  organisation: string;
  role: ExportRole;
}

/** What a note is for: a problem, a stage of a service map, or something since removed from the brief. */
export type TargetKind = 'problem' | 'stage' | 'missing';

export interface ExportNote {
  key: string;
  noteId: string;
  authorId: string;
  authorName: string;
  authorOrganisation: string;
  targetId: string;
  targetKind: TargetKind;
  /** The problem's or stage's title ('' when missing). */
  targetTitle: string;
  /** For a stage, its service map's title; null otherwise. */
  serviceMapTitle: string | null;
  clusterId: string | null;
  clusterTitle: string | null;
  text: string;
  colour: string;
  /** ISO 8601. On the wall: first publication (server time). Hidden: the draft's creation time. */
  createdAt: string;
  /** ISO 8601: the last published edit. */
  updatedAt: string;
  /** Dot votes; null while the board hides votes until voting closes. */
  votes: number | null;
  plusOne: number;
  question: number;
  doneThis: number;
  commentCount: number;
  isHidden: boolean;
  hiddenReason: string | null;
  hiddenReasonText: string | null;
  hiddenAt: string | null;
}

export interface ExportComment {
  key: string;
  commentId: string;
  noteKey: string;
  authorId: string;
  authorName: string;
  authorOrganisation: string;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface ExportCluster {
  id: string;
  title: string;
  targetId: string;
}

export interface ExportProblem {
  id: string;
  title: string;
  body: string;
  userNeeds: string;
  constraints: string;
  /** Optional details a supplier can act on (issue 13): outcome sought, stage, value band, route, timing. */
  details: ProblemDetails;
}

export interface ExportServiceMap {
  id: string;
  title: string;
  stages: Array<{ id: string; title: string; description: string; painPoints: string }>;
}

/** The whole export (the JSON format is exactly this); issue 13 adds the `FairnessRecord` fields. */
export interface BoardRecord extends FairnessRecord {
  schema: typeof BOARD_EXPORT_SCHEMA;
  version: typeof BOARD_EXPORT_VERSION;
  exportedAt: string;
  board: {
    id: string;
    title: string;
    summary: string;
    status: string;
    phase: string;
    /** Participants see no names while true; this export always names authors (it is for officers). */
    isAnonymous: boolean;
    createdAt: string;
  };
  problems: ExportProblem[];
  serviceMaps: ExportServiceMap[];
  clusters: ExportCluster[];
  /** Authors of the exported notes and comments. */
  people: ExportPerson[];
  /** In report order: by problem, then service map and stage, then cluster, then time. */
  notes: ExportNote[];
  comments: ExportComment[];
}

/** A hidden note with the note as its author's draft holds it (null when the draft no longer has it). */
export interface HiddenNoteInput extends HiddenNoteEntry {
  note: { text: string; colour: string; targetId: string; createdAt: number } | null;
}

/** Everything the builder needs; parts other helpers are building are optional (absent = none). */
export interface BoardRecordInput {
  board: { id: string; title: string; summary: string; status: string; createdAt: number };
  brief: BriefState;
  isAnonymous: boolean;
  /** The wall keeps vote counts off for now (hidden until voting closes): every note's votes are null. */
  areVotesHidden?: boolean;
  wallNotes: ReadonlyMap<WallKey | string, WallNote>;
  /** Everyone the store knows on this board (participants, observers, officers), by person id. */
  people: ReadonlyMap<string, ExportPerson>;
  /** Fallback names for authors the store does not know (the wall's `people`). */
  wallPeople?: ReadonlyMap<string, { name: string; organisation: string }>;
  clusters?: readonly ClusterInput[];
  placements?: ReadonlyMap<string, string>;
  tallies?: ReadonlyMap<string, TallyInput>;
  comments?: readonly CommentInput[];
  hiddenNotes?: readonly HiddenNoteInput[];
  /** Each problem's details a supplier can act on (issue 13), by problem id; absent = none given. */
  problemDetails?: ReadonlyMap<string, ProblemDetails>;
  /** Q&A, council answers, public moderation log and reach (issue 13); absent = none. */
  fairness?: FairnessInput;
  exportedAt: number;
}

interface TargetInfo {
  kind: TargetKind;
  title: string;
  serviceMapTitle: string | null;
  /** Position in report order. */
  rank: number;
}

function iso(time: number): string {
  return new Date(Number.isFinite(time) ? time : 0).toISOString();
}

function targetsOf(brief: BriefState): Map<string, TargetInfo> {
  const targets = new Map<string, TargetInfo>();
  let rank = 0;
  for (const problem of brief.problems) targets.set(problem.id, { kind: 'problem', title: problem.title, serviceMapTitle: null, rank: rank++ });
  for (const map of brief.serviceMaps) {
    for (const stage of map.stages) targets.set(stage.id, { kind: 'stage', title: stage.title, serviceMapTitle: map.title, rank: rank++ });
  }
  return targets;
}

/** Builds the export record. Pure and deterministic for a given input. */
export function buildBoardRecord(input: BoardRecordInput): BoardRecord {
  const targets = targetsOf(input.brief);
  const clusters = new Map((input.clusters ?? []).map((cluster, index) => [cluster.id, { ...cluster, rank: index }]));
  const comments = input.comments ?? [];
  const commentCounts = new Map<string, number>();
  for (const comment of comments) commentCounts.set(comment.noteKey, (commentCounts.get(comment.noteKey) ?? 0) + 1);
  const authorOf = (personId: string) => {
    const known = input.people.get(personId);
    if (known) return known;
    const onWall = input.wallPeople?.get(personId);
    return { id: personId, name: onWall?.name ?? '', organisation: onWall?.organisation ?? '', role: 'participant' as const };
  };
  const hiddenByKey = new Map((input.hiddenNotes ?? []).map((hidden) => [`${hidden.personId}:${hidden.noteId}`, hidden]));

  function exportNote(key: string, authorId: string, noteId: string, note: Omit<WallNote, 'author' | 'noteId'>): ExportNote {
    const target = targets.get(note.targetId);
    const clusterId = input.placements?.get(key) ?? null;
    // As the wall shows it (grouping's rule): a placement counts only in a cluster of the note's own target.
    const placedIn = clusterId === null ? undefined : clusters.get(clusterId);
    const cluster = placedIn?.targetId === note.targetId ? placedIn : undefined;
    const tally = input.tallies?.get(key);
    const hidden = hiddenByKey.get(key);
    const author = authorOf(authorId);
    return {
      key,
      noteId,
      authorId,
      authorName: author.name,
      authorOrganisation: author.organisation,
      targetId: note.targetId,
      targetKind: target?.kind ?? 'missing',
      targetTitle: target?.title ?? '',
      serviceMapTitle: target?.serviceMapTitle ?? null,
      clusterId: cluster ? cluster.id : null,
      clusterTitle: cluster ? cluster.title : null,
      text: note.text,
      colour: note.colour,
      createdAt: iso(note.createdAt),
      updatedAt: iso(note.updatedAt),
      votes: input.areVotesHidden ? null : (tally?.votes ?? 0),
      plusOne: tally?.plusOne ?? 0,
      question: tally?.question ?? 0,
      doneThis: tally?.doneThis ?? 0,
      commentCount: commentCounts.get(key) ?? 0,
      isHidden: hidden !== undefined,
      hiddenReason: hidden?.reason ?? null,
      hiddenReasonText: hidden?.reasonText ?? null,
      hiddenAt: hidden ? iso(hidden.hiddenAt) : null,
    };
  }

  const notes: ExportNote[] = [];
  for (const [key, note] of input.wallNotes) notes.push(exportNote(key, note.author, note.noteId, note));
  // A hidden note is off the wall (or about to be): its content comes from its author's draft.
  for (const [key, hidden] of hiddenByKey) {
    if (input.wallNotes.has(key) || hidden.note === null) continue;
    const { text, colour, targetId, createdAt } = hidden.note;
    notes.push(exportNote(key, hidden.personId, hidden.noteId, { text, colour: colour as WallNote['colour'], targetId, createdAt, updatedAt: createdAt }));
  }
  const rankOf = (note: ExportNote) => targets.get(note.targetId)?.rank ?? Number.MAX_SAFE_INTEGER;
  const clusterRankOf = (note: ExportNote) => (note.clusterId === null ? Number.MAX_SAFE_INTEGER : (clusters.get(note.clusterId)?.rank ?? 0));
  notes.sort(
    (a, b) =>
      rankOf(a) - rankOf(b) ||
      clusterRankOf(a) - clusterRankOf(b) ||
      a.createdAt.localeCompare(b.createdAt) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );

  const noteKeys = new Set(notes.map((note) => note.key));
  const exportedComments: ExportComment[] = comments
    .filter((comment) => noteKeys.has(comment.noteKey))
    .map((comment) => {
      const author = authorOf(comment.author);
      return {
        key: comment.key,
        commentId: comment.commentId,
        noteKey: comment.noteKey,
        authorId: comment.author,
        authorName: author.name,
        authorOrganisation: author.organisation,
        text: comment.text,
        createdAt: iso(comment.createdAt),
        updatedAt: iso(comment.updatedAt),
      };
    });

  const authorIds = new Set([...notes.map((note) => note.authorId), ...exportedComments.map((comment) => comment.authorId)]);
  const people = [...authorIds].map((id) => {
    const { name, organisation, role } = authorOf(id);
    return { id, name, organisation, role };
  });
  people.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));

  return {
    schema: BOARD_EXPORT_SCHEMA,
    version: BOARD_EXPORT_VERSION,
    exportedAt: iso(input.exportedAt),
    board: {
      id: input.board.id,
      title: input.board.title,
      summary: input.board.summary,
      status: input.board.status,
      phase: input.brief.phase,
      isAnonymous: input.isAnonymous,
      createdAt: iso(input.board.createdAt),
    },
    problems: input.brief.problems.map(({ id, title, body, userNeeds, constraints }) => ({
      id,
      title,
      body,
      userNeeds,
      constraints,
      details: input.problemDetails?.get(id) ?? NO_DETAILS,
    })),
    serviceMaps: input.brief.serviceMaps.map((map) => ({
      id: map.id,
      title: map.title,
      stages: map.stages.map(({ id, title, description, painPoints }) => ({ id, title, description, painPoints })),
    })),
    clusters: [...clusters.values()].map(({ id, title, targetId }) => ({ id, title, targetId })),
    people,
    notes,
    comments: exportedComments,
    ...buildFairnessRecord(input.fairness, {
      targetTitle: (id) => targets.get(id)?.title ?? null,
      visibleNoteText: (key) => notes.find((note) => note.key === key && !note.isHidden)?.text ?? null,
      clusterTitle: (id) => clusters.get(id)?.title ?? null,
    }),
  };
}
