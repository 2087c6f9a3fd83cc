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
} as const;

/** Roots of a board's wall (`<boardId>/wall`), written only by the server. */
export const WALL_ROOTS = {
  /** Y.Map<personId, plain object>: each author's name, organisation and role, stamped by the server. */
  people: 'people',
  /** Y.Map<wallKey, plain object>: published notes; keys come only from `wallKeyFor`. */
  notes: 'notes',
  /** Y.Map: `schemaVersion` (see `shared/schema/wallMeta.ts`). */
  meta: 'meta',
} as const;

/** All roots, by document kind. */
export const ROOTS = { brief: BRIEF_ROOTS, draft: DRAFT_ROOTS, wall: WALL_ROOTS } as const;
