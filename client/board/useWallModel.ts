/**
 * Everything the wall shows and offers, derived from the board's documents, presence and the socket:
 * the brief, each lane's notes, my notes' states, and what this viewer may do right now.
 */
import { mayWrite } from '../../shared/rules/mayWrite.js';
import { useMemo, useState } from 'react';
import type { BoardResponse } from '../../shared/protocol/api.js';
import type { BriefState } from '../../shared/schema/brief.js';
import { WALL_SCHEMA_VERSION } from '../../shared/schema/wallMeta.js';
import type { BoardSocketSnapshot } from '../net/socket.js';
import { laneNotesByTarget, type LaneNote, type Me } from './laneNotes.js';
import { noteTargetsOf } from './noteTargets.js';
import { countUnsent } from './noteStates.js';
import type { PresentPerson } from './presence.js';
import type { BoardDocuments } from './useBoardDocuments.js';
import { useAnnouncer, type Announcement } from './useAnnouncer.js';
import { useBrief } from './useBrief.js';
import { useMyNotes } from './useMyNotes.js';
import { useNewNoteAnnouncements } from './useNewNoteAnnouncements.js';
import { useNoteStates } from './useNoteStates.js';
import { usePresence } from './usePresence.js';
import { useTyping } from './useTyping.js';
import { useWall } from './useWall.js';
import type { WallContextValue } from './WallContext.js';

export interface WallModel {
  brief: BriefState;
  /** The brief has been read from the cache or the server: there is something to show. */
  isBriefLoaded: boolean;
  notesByTarget: Map<string, LaneNote[]>;
  /** My notes whose problem or stage is no longer in the brief. */
  orphanNotes: LaneNote[];
  context: WallContextValue;
  me: PresentPerson;
  others: PresentPerson[];
  unsentCount: number;
  actionAnnouncement: Announcement | null;
  newNotesAnnouncement: Announcement | null;
  /** The server or the wall is newer than this page: it must be reloaded to be read correctly. */
  isOutdated: boolean;
}

function useMe(board: BoardResponse): { me: Me | null; present: PresentPerson } {
  const { viewer, documents } = board;
  return useMemo(() => {
    const organisation = viewer.organisation ?? '';
    const present: PresentPerson = { id: documents.personId, name: viewer.name, organisation, role: viewer.role, typing: null };
    if (viewer.role === 'observer') return { me: null, present };
    return { me: { personId: documents.personId, name: viewer.name, organisation, role: viewer.role }, present };
  }, [viewer.name, viewer.organisation, viewer.role, documents.personId]);
}

export function useWallModel(board: BoardResponse, documents: BoardDocuments, socket: BoardSocketSnapshot): WallModel {
  const { viewer } = board;
  const personId = board.documents.personId;
  const briefDoc = documents.brief?.doc ?? null;
  const draftDoc = documents.draft?.doc ?? null;
  const awareness = documents.wall?.provider.awareness ?? null;
  const brief = useBrief(briefDoc);
  const wall = useWall(documents.wall?.doc ?? null);
  const myNotes = useMyNotes(draftDoc);
  const presence = usePresence(awareness);
  const typing = useTyping(awareness);
  const noteStates = useNoteStates(myNotes, wall, personId, socket.noteStatus);
  const [actionAnnouncement, announce] = useAnnouncer();
  const newNotesAnnouncement = useNewNoteAnnouncements(wall, personId, documents.wall?.hasSynced ?? false);
  const [focusNoteKey, requestFocus] = useState<string | null>(null);
  const { me, present } = useMe(board);

  // Until my draft has loaded, my published notes come from the wall (read-only) rather than vanish.
  const isDraftReady = documents.draft !== null && (documents.draft.hasSynced || myNotes.length > 0);
  const notesByTarget = useMemo(() => laneNotesByTarget(wall, isDraftReady ? myNotes : null, me), [wall, isDraftReady, myNotes, me]);
  const targets = useMemo(() => noteTargetsOf(brief), [brief]);
  const isBriefSynced = documents.brief?.hasSynced ?? false;
  const orphanNotes = useMemo(() => {
    if (!isBriefSynced) return [];
    const known = new Set(targets.map((target) => target.id));
    return [...notesByTarget].filter(([targetId]) => !known.has(targetId)).flatMap(([, notes]) => notes.filter((note) => note.draft !== null));
  }, [isBriefSynced, targets, notesByTarget]);

  const isStopped = documents.connection.stopReason !== null;
  const isWriter = viewer.role !== 'observer' && viewer.canEdit && !isStopped;
  const canWithdraw = isWriter && draftDoc !== null;
  // Explained with the server's own rule (officers may also add while preparing and voting); the server decides.
  const canPost = canWithdraw && mayWrite({ kind: 'add-note' }, { role: viewer.role, phase: brief.phase, now: Date.now() }).ok;
  const canEditBrief = viewer.role === 'officer' && viewer.canEdit && !isStopped && briefDoc !== null;

  const context = useMemo<WallContextValue>(
    () => ({
      personId,
      canPost,
      canWithdraw,
      canEditBrief,
      briefDoc,
      draftDoc,
      targets,
      noteStates,
      typingByTarget: presence.typingByTarget,
      noteTyping: typing.noteTyping,
      stopTyping: typing.stopTyping,
      announce,
      focusNoteKey,
      requestFocus,
    }),
    [personId, canPost, canWithdraw, canEditBrief, briefDoc, draftDoc, targets, noteStates, presence, typing, announce, focusNoteKey],
  );

  return {
    brief,
    isBriefLoaded: (documents.brief?.hasLoaded ?? false) || isBriefSynced,
    notesByTarget,
    orphanNotes,
    context,
    me: present,
    others: presence.others.filter((person) => person.id !== personId),
    unsentCount: countUnsent(noteStates),
    actionAnnouncement,
    newNotesAnnouncement,
    isOutdated: socket.isOutdated || wall.schemaVersion > WALL_SCHEMA_VERSION,
  };
}
