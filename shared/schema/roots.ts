/**
 * Names of the root shared types of each kind of document. Room names say which kind a document is
 * (see `parseRoomName` in `shared/permissions.ts`); these say where things live inside it.
 */

/** Roots of a board's brief (`<boardId>/brief`), written by the board's officers. */
export const BRIEF_ROOTS = {
  /** Y.Map: `phase` ('open' | 'closed'; absent means 'open'). */
  meta: 'meta',
  /** Y.Map<problemId, Y.Map>: see `shared/schema/problems.ts`. */
  problems: 'problems',
  /** Y.Map<mapId, Y.Map>: see `shared/schema/serviceMaps.ts`. */
  serviceMaps: 'serviceMaps',
  /** Y.Map<clusterId, Y.Map{ title, targetId, createdAt }>: officers' groups of notes; see `shared/schema/clusters.ts`. */
  clusters: 'clusters',
  /** Y.Map<wallKey, clusterId>: which group each note is in (at most one); see `shared/schema/clusters.ts`. */
  placements: 'placements',
} as const;

/** Roots of one person's draft (`<boardId>/drafts/<personId>`), written only by that person. */
export const DRAFT_ROOTS = {
  /** Y.Map<noteId, Y.Map>: see `shared/schema/draftNotes.ts`. */
  notes: 'notes',
  /** Y.Map<wallKey, number>: this person's dots per note, see `shared/schema/draftVotes.ts`. */
  votes: 'votes',
  /** Y.Map<wallKey, string[]>: this person's reactions per note, see `shared/schema/draftReactions.ts`. */
  reactions: 'reactions',
  /** Y.Map<commentId, Y.Map>: this person's comments on notes, see `shared/schema/draftComments.ts`. */
  comments: 'comments',
} as const;

/** Roots of a board's wall (`<boardId>/wall`), written only by the server. */
export const WALL_ROOTS = {
  /** Y.Map<personId, plain object>: each author's name, organisation and role, stamped by the server. */
  people: 'people',
  /** Y.Map<wallKey, plain object>: published notes; keys come only from `wallKeyFor`. */
  notes: 'notes',
  /** Y.Map: `schemaVersion` (see `shared/schema/wallMeta.ts`), `timeBase` (`wallTimeBase.ts`). */
  meta: 'meta',
  /** Y.Map<ref, targetId>: the problems and stages notes are for, by number (`wallTargets.ts`, version 4). */
  targets: 'targets',
  /** Y.Map<wallKey, plain object>: vote and reaction counts per note, see `shared/schema/wallTallies.ts`. */
  tallies: 'tallies',
  /** Y.Map<commentWallKey, plain object>: published comments, see `shared/schema/wallComments.ts`. */
  comments: 'comments',
  /** Y.Map<publishedId, plain object>: clarification questions and the council's answers, see `shared/schema/questions.ts`. */
  answers: 'answers',
  /** Y.Map<'note:<wallKey>' | 'cluster:<id>', plain object>: the council's answer to an idea, see `shared/schema/councilOutcomes.ts`. */
  outcomes: 'outcomes',
} as const;

/** All roots, by document kind. */
export const ROOTS = { brief: BRIEF_ROOTS, draft: DRAFT_ROOTS, wall: WALL_ROOTS } as const;
