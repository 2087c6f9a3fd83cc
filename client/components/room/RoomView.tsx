import type { BoardResponse } from '../../../shared/protocol/api.js';
import type { BoardDocuments } from '../../board/useBoardDocuments.js';
import { SpotlightContext } from '../../board/SpotlightContext.js';
import { useServerClock } from '../../board/useServerClock.js';
import { useSpotlight } from '../../board/useSpotlight.js';
import { useWallModel } from '../../board/useWallModel.js';
import type { BoardSocketSnapshot } from '../../net/socket.js';
import { LoadingMessage } from '../LoadingMessage.js';
import { Announcer } from '../wall/Announcer.js';
import { PHASE_LABELS, PHASE_TAG_CLASSES } from '../../board/phaseMessages.js';
import { WorkshopTimer } from '../wall/WorkshopTimer.js';
import { RoomCounts } from './RoomCounts.js';
import { RoomExit } from './RoomExit.js';
import { RoomInvite } from './RoomInvite.js';
import { RoomSections } from './RoomSections.js';
import { roomNotesByTarget, roomDensity, useArrivalWatch } from './roomNotes.js';

interface RoomViewProps {
  board: BoardResponse;
  documents: BoardDocuments;
  socket: BoardSocketSnapshot;
}

/**
 * The room screen: a side rail (phase, timer, counts, how to join, Exit) and the wall in big type, with
 * a column per problem and per stage. It reads the wall through `useWallModel`, as the wall does, so
 * anonymous mode and hidden notes hold here too; it always follows the spotlight, officer or not.
 */
export function RoomView({ board, documents, socket }: RoomViewProps) {
  const model = useWallModel(board, documents, socket);
  const clock = useServerClock(socket);
  const isBriefSynced = documents.brief?.hasSynced ?? false;
  const spotlight = useSpotlight(model.brief, model.context.briefDoc, {
    isOfficer: false,
    canSpotlight: false,
    isBriefSynced,
    sendCommand: socket.sendCommand,
  });
  const notesByTarget = roomNotesByTarget(model.notesByTarget, model.context.noteStates);
  const ideaCount = [...notesByTarget.values()].reduce((total, notes) => total + notes.length, 0);
  const peopleCount = model.others.length + (board.viewer.role === 'observer' ? 0 : 1);
  const isArrival = useArrivalWatch(model.isBriefLoaded && (documents.wall?.hasSynced ?? false));
  const phase = model.brief.phase;
  return (
    <SpotlightContext.Provider value={spotlight}>
      <div className="room" data-testid="room" data-density={roomDensity(ideaCount)}>
        <aside className="room__rail" aria-label="About this session">
          <p className="room__phase" data-testid="room-phase" data-phase={phase}>
            <span className="visually-hidden">Phase: </span>
            <strong className={PHASE_TAG_CLASSES[phase]}>{PHASE_LABELS[phase]}</strong>
          </p>
          <div className="room__timer">
            <WorkshopTimer briefDoc={model.context.briefDoc} isBriefSynced={isBriefSynced} clock={clock} canRun={false} sendCommand={socket.sendCommand} />
          </div>
          <RoomCounts people={peopleCount} ideas={ideaCount} />
          <RoomInvite boardId={board.board.id} role={board.viewer.role} />
          <RoomExit boardId={board.board.id} />
        </aside>
        <div className="room__wall">
          <h1 className="room__title break-words">{board.board.title}</h1>
          <Announcer announcement={model.newNotesAnnouncement} testId="new-notes-announcer" />
          {!model.isBriefLoaded ? (
            <LoadingMessage>Loading the wall…</LoadingMessage>
          ) : (
            <RoomSections brief={model.brief} notesByTarget={notesByTarget} isArrival={isArrival} />
          )}
        </div>
      </div>
    </SpotlightContext.Provider>
  );
}
