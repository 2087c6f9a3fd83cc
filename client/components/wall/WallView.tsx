import { useState } from 'react';
import type { BoardResponse } from '../../../shared/protocol/api.js';
import { areChangesNotSaved } from '../../board/connectionSummary.js';
import type { BoardDocuments } from '../../board/useBoardDocuments.js';
import { useWallModel } from '../../board/useWallModel.js';
import { GroupingContext, useGroupingModel } from '../../board/GroupingContext.js';
import { SpotlightContext } from '../../board/SpotlightContext.js';
import { useServerClock } from '../../board/useServerClock.js';
import { useSpotlight } from '../../board/useSpotlight.js';
import { WallContext } from '../../board/WallContext.js';
import { ModerationContext, useModeration } from '../../board/ModerationContext.js';
import type { BoardSocketSnapshot } from '../../net/socket.js';
import { LoadingMessage } from '../LoadingMessage.js';
import { NoteSortControl } from './NoteSortControl.js';
import { AddServiceMap } from './AddServiceMap.js';
import { AnonymityPanel } from './AnonymityPanel.js';
import { Announcer } from './Announcer.js';
import { ConfidentialIdeas } from './ConfidentialIdeas.js';
import { ConnectionProblem } from './ConnectionProblem.js';
import { HiddenNotes } from './HiddenNotes.js';
import { ObserverNotice } from './ObserverNotice.js';
import { OrphanNotes } from './OrphanNotes.js';
import { OutdatedPageAlert } from './OutdatedPageAlert.js';
import { PhaseChangeNotice } from './PhaseChangeNotice.js';
import { PhasePanel } from './PhasePanel.js';
import { ProblemsSection } from './ProblemsSection.js';
import { ServiceMapSection } from './ServiceMapSection.js';
import { SpotlightBar } from './SpotlightBar.js';
import { WallAlert } from './WallAlert.js';
import { WallStatusBar } from './WallStatusBar.js';
import { WorkshopTimer } from './WorkshopTimer.js';
import { NoteRecordsContext } from '../../board/NoteRecordsContext.js';
import { useNoteRecordsModel } from '../../board/useNoteRecordsModel.js';
import { VotingSettingsForm } from './VotingSettingsForm.js';
import { VotingSummary } from './VotingSummary.js';
import { FairnessSections } from '../fairness/FairnessSections.js';
import { SealedPanel } from '../fairness/SealedPanel.js';
import { DeletedNoteContext, useDeletedNoteModel } from '../../board/DeletedNoteContext.js';
import { WallDock } from '../phone/WallDock.js';
import { WallJumpNav } from '../phone/WallJumpNav.js';
import '../../styles/phone.css';

interface WallViewProps {
  board: BoardResponse;
  documents: BoardDocuments;
  socket: BoardSocketSnapshot;
  /** The board was archived while this page was open. */
  wasArchivedHere: boolean;
}

/** The wall itself: status, presence, the problem statements, then each service map's lanes. */
export function WallView({ board, documents, socket, wasArchivedHere }: WallViewProps) {
  const model = useWallModel(board, documents, socket);
  const grouping = useGroupingModel(board.board.id, documents.brief?.doc ?? null);
  const moderation = useModeration(board.viewer.role === 'officer', socket.sendCommand);
  const [newMapId, setNewMapId] = useState<string | null>(null);
  // Issue 14: the place the person last went to (where "Add a note" puts a note first), and "My notes".
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [isMineOnly, setMineOnly] = useState(false);
  const { connection } = documents;
  const isNotSaved = areChangesNotSaved(connection, socket.canStore, board.viewer.role !== 'observer');
  // Issue 12: the timer and the spotlight (server clock, `meta.timer`, `meta.spotlight`).
  const clock = useServerClock(socket);
  const isBriefSynced = documents.brief?.hasSynced ?? false;
  const canLead = model.context.canEditBrief && socket.isConnected;
  const spotlight = useSpotlight(model.brief, model.context.briefDoc, {
    isOfficer: board.viewer.role === 'officer',
    canSpotlight: canLead,
    isBriefSynced,
    sendCommand: socket.sendCommand,
    boardId: board.board.id,
  });
  const records = useNoteRecordsModel({
    briefDoc: model.context.briefDoc,
    wallDoc: documents.wall?.doc ?? null,
    draftDoc: model.context.canWithdraw ? model.context.draftDoc : null,
    phase: model.brief.phase,
    outcomes: socket.noteStatus?.records,
    role: board.viewer.role,
    personId: board.documents.personId,
    announce: model.context.announce,
  });
  const deletedNote = useDeletedNoteModel(model.context.draftDoc, model.context.announce, model.context.requestFocus);
  const canHaveNotes = board.viewer.role !== 'observer';
  return (
    <WallContext.Provider value={model.context}>
      <GroupingContext.Provider value={grouping}>
      {/* Issue 12: the spotlight for every problem, stage and cluster (children not re-indented, to keep this change small to merge). */}
      <SpotlightContext.Provider value={spotlight}>
      <NoteRecordsContext.Provider value={records}>
      <ModerationContext.Provider value={moderation}>
      <DeletedNoteContext.Provider value={deletedNote}>
      <div className={isMineOnly ? 'wall wall--mine-only' : 'wall'} data-testid="wall">
        {/* Fixed to the bottom of the screen, but first in reading and Tab order: the connection is what a
            screen reader user hears first (as before, when it was at the top), and "Add a note" is one Tab away. */}
        <WallDock connection={connection} unsentCount={model.unsentCount} isNotSaved={isNotSaved} preferredTargetId={placeId} />
        <WallStatusBar me={model.me} others={model.others} />
        <ConnectionProblem stopReason={connection.stopReason} problem={connection.problem} role={board.viewer.role} isNotSaved={isNotSaved} />
        {model.isOutdated && <OutdatedPageAlert />}
        {wasArchivedHere && <WallAlert heading="This board has been archived. It is now read-only." testId="archived-notice" />}
        {board.viewer.role === 'observer' && <ObserverNotice />}
        {board.board.status === 'open' && <PhaseChangeNotice phase={model.brief.phase} role={board.viewer.role} isBriefLoaded={model.isBriefLoaded} />}
        {board.board.status === 'open' && <PhasePanel phase={model.brief.phase} role={board.viewer.role} sendCommand={socket.sendCommand} />}
        <WorkshopTimer briefDoc={model.context.briefDoc} isBriefSynced={isBriefSynced} clock={clock} canRun={canLead} sendCommand={socket.sendCommand} />
        <SpotlightBar />
        {board.board.status === 'open' && <VotingSummary />}
        {board.board.status === 'open' && model.context.canEditBrief && <VotingSettingsForm sendCommand={socket.sendCommand} />}
        <AnonymityPanel sendCommand={socket.sendCommand} canChange={model.context.canEditBrief && socket.isConnected} />
        <SealedPanel briefDoc={model.context.briefDoc} isOfficer={board.viewer.role === 'officer'} sendCommand={socket.sendCommand} canChange={model.context.canEditBrief && socket.isConnected} />
        <Announcer announcement={model.newNotesAnnouncement} testId="new-notes-announcer" />
        <Announcer announcement={model.actionAnnouncement} testId="action-announcer" />
        {!model.isBriefLoaded ? (
          <LoadingMessage>Loading the wall…</LoadingMessage>
        ) : (
          <>
            <WallJumpNav
              onGoTo={setPlaceId}
              isMineOnly={isMineOnly}
              onMineOnlyChange={setMineOnly}
              myNoteCount={model.context.noteStates.size}
              canHaveNotes={canHaveNotes}
            />
            {isMineOnly && (
              <p className="body wall-jump__showing" data-testid="my-notes-only">
                Showing only your notes. Select “My notes” again to see everyone’s.
              </p>
            )}
            <NoteSortControl />
            <ProblemsSection problems={model.brief.problems} notesByTarget={model.notesByTarget} />
            {model.brief.serviceMaps.map((map) => (
              <ServiceMapSection key={map.id} map={map} notesByTarget={model.notesByTarget} isNew={map.id === newMapId} />
            ))}
            {model.context.canEditBrief && (
              <div className="wall-section">
                <AddServiceMap onAdded={setNewMapId} />
              </div>
            )}
            <OrphanNotes notes={model.orphanNotes} />
            {board.viewer.role === 'officer' && <ConfidentialIdeas boardId={board.board.id} targets={model.context.targets} />}
            {board.viewer.role === 'officer' && <HiddenNotes boardId={board.board.id} targets={model.context.targets} />}
            <FairnessSections
              boardId={board.board.id}
              role={board.viewer.role}
              phase={model.brief.phase}
              briefDoc={model.context.briefDoc}
              wallDoc={documents.wall?.doc ?? null}
              targets={model.context.targets}
              sendCommand={socket.sendCommand}
              isConnected={socket.isConnected}
            />
          </>
        )}
      </div>
      </DeletedNoteContext.Provider>
      </ModerationContext.Provider>
      </NoteRecordsContext.Provider>
      </SpotlightContext.Provider>
      </GroupingContext.Provider>
    </WallContext.Provider>
  );
}
