/**
 * Gathers a board's export from its live documents: through the room (`rooms.withRoom`, loading the board if
 * nobody is on it), so the export shows the latest state, including what is not yet stored. Authors' names
 * and organisations come from the store (never emails), not from the wall, whose names anonymous mode removes.
 */
import { readAnonymous } from '../../shared/schema/anonymity.js';
import { readWallOutcomes } from '../../shared/schema/councilOutcomes.js';
import { readPublishedAnswers } from '../../shared/schema/questions.js';
import { readAllProblemDetails } from '../../shared/schema/problemDetails.js';
import { publicModerationLog } from '../fairness/publicModerationLog.js';
import { boardReach } from '../reach/boardReach.js';
import { readBrief } from '../../shared/schema/brief.js';
import { readDraftNotes } from '../../shared/schema/draftNotes.js';
import { readWallNotes, readWallPeople } from '../../shared/schema/wall.js';
import type { BoardRoom } from '../rooms/BoardRoom.js';
import type { Rooms } from '../rooms/Rooms.js';
import type { BoardRecord as StoredBoard, Store } from '../store/store.js';
import { buildBoardRecord, type BoardRecord, type ExportPerson, type HiddenNoteInput } from './boardRecord.js';
import { readClusters } from './readers/clusters.js';
import type { HiddenNoteEntry, HiddenNotesSource } from './readers/hiddenNotes.js';
import { readPlacements } from './readers/placements.js';
import { readTallies } from './readers/tallies.js';
import { areVotesHidden } from './readers/votingSettings.js';
import { readWallComments } from './readers/wallComments.js';

export interface ExportSources {
  rooms: Pick<Rooms, 'withRoom'>;
  store: Pick<Store, 'listParticipants' | 'listBoardOfficers'> &
    Partial<Pick<Store, 'listModerationActions' | 'listParticipantProfiles'>>;
  /** Moderation's hidden notes; absent until moderation is wired (then nothing reads as hidden). */
  hiddenNotes?: HiddenNotesSource;
  now: () => number;
}

/** Everyone the store knows on the board, by person id: participants, observers and officers. No emails. */
async function peopleOf(store: ExportSources['store'], boardId: string): Promise<Map<string, ExportPerson>> {
  const [participants, officers] = await Promise.all([store.listParticipants(boardId), store.listBoardOfficers(boardId)]);
  const people = new Map<string, ExportPerson>();
  for (const participant of participants) {
    people.set(participant.id, { id: participant.id, name: participant.name, organisation: participant.organisation, role: participant.role });
  }
  for (const officer of officers) people.set(officer.id, { id: officer.id, name: officer.name, organisation: 'Council officer', role: 'officer' });
  return people;
}

/** The hidden notes with their content from each author's draft (a confidential or missing note reads as null). */
async function hiddenNotesWithContent(room: BoardRoom, entries: readonly HiddenNoteEntry[]): Promise<HiddenNoteInput[]> {
  const hidden: HiddenNoteInput[] = [];
  for (const entry of entries) {
    const draft = await room.openDraft(entry.personId);
    const check = readDraftNotes(draft.doc).get(entry.noteId);
    const note = check?.ok && check.note.visibility === 'public' ? check.note : null;
    hidden.push({ ...entry, note: note && { text: note.text, colour: note.colour, targetId: note.targetId, createdAt: note.createdAt } });
  }
  return hidden;
}

/** True when the store has issue 13's ports (tests may pass a smaller store: then the record has no fairness parts). */
function hasFairnessPorts(store: ExportSources['store']): store is Store {
  return typeof store.listModerationActions === 'function' && typeof store.listParticipantProfiles === 'function';
}

/** The export record of one board (access already checked by the caller). */
export async function readBoardRecord(sources: ExportSources, board: StoredBoard): Promise<BoardRecord> {
  const [people, hiddenEntries, moderationLog, reach] = await Promise.all([
    peopleOf(sources.store, board.id),
    sources.hiddenNotes?.listHiddenNotes(board.id) ?? Promise.resolve([]),
    hasFairnessPorts(sources.store) ? publicModerationLog(sources.store, board.id) : Promise.resolve([]),
    hasFairnessPorts(sources.store) ? boardReach(sources.store, board.id) : Promise.resolve(undefined),
  ]);
  return sources.rooms.withRoom(board.id, async (room) => {
    const hiddenNotes = await hiddenNotesWithContent(room, hiddenEntries);
    // Everything below reads the documents synchronously: one consistent moment of the board.
    const brief = room.brief.doc;
    const wall = room.wall.doc;
    const briefState = readBrief(brief);
    return buildBoardRecord({
      board,
      brief: briefState,
      isAnonymous: readAnonymous(brief),
      areVotesHidden: areVotesHidden(brief, briefState.phase),
      wallNotes: readWallNotes(wall),
      people,
      wallPeople: readWallPeople(wall),
      clusters: readClusters(brief),
      placements: readPlacements(brief),
      tallies: readTallies(wall),
      comments: readWallComments(wall),
      hiddenNotes,
      problemDetails: readAllProblemDetails(brief),
      fairness: reach && {
        answers: readPublishedAnswers(wall),
        outcomes: [...readWallOutcomes(wall).values()],
        moderationLog,
        reach,
      },
      exportedAt: sources.now(),
    });
  });
}
