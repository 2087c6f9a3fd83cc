import type * as Y from 'yjs';
import type { BoardPhase } from '../../../shared/schema/briefMeta.js';
import type { NoteTarget } from '../../board/noteTargets.js';
import type { SendCommand } from '../../net/socket.js';
import { readSealed } from '../../../shared/schema/sealed.js';
import { useDocSnapshot } from '../../board/useDocSnapshot.js';
import '../../styles/fairness.css';
import { CouncilAnswersSection } from './CouncilAnswersSection.js';
import { ModerationLogSection } from './ModerationLogSection.js';
import { QuestionsSection } from './QuestionsSection.js';
import { SealedIdeas } from './SealedIdeas.js';

interface FairnessSectionsProps {
  boardId: string;
  role: 'officer' | 'participant' | 'observer';
  phase: BoardPhase;
  briefDoc: Y.Doc | null;
  wallDoc: Y.Doc | null;
  targets: NoteTarget[];
  sendCommand: SendCommand;
  isConnected: boolean;
}

/** Issue 13's sections below the wall: sealed ideas (officers), questions and answers, the council's answers, the moderation log. */
export function FairnessSections({ boardId, role, phase, briefDoc, wallDoc, targets, sendCommand, isConnected }: FairnessSectionsProps) {
  const isOfficer = role === 'officer';
  const isSealed = useDocSnapshot(briefDoc, readSealed, false);
  return (
    <>
      {isOfficer && <SealedIdeas boardId={boardId} targets={targets} isSealed={isSealed} />}
      <QuestionsSection wallDoc={wallDoc} targets={targets} role={role} sendCommand={sendCommand} isConnected={isConnected} />
      <CouncilAnswersSection boardId={boardId} wallDoc={wallDoc} briefDoc={briefDoc} phase={phase} isOfficer={isOfficer} sendCommand={sendCommand} isConnected={isConnected} />
      <ModerationLogSection boardId={boardId} wallDoc={wallDoc} />
    </>
  );
}
