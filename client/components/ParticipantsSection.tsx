import type { ParticipantView } from '../../shared/protocol/api.js';
import { ApiError } from '../net/http.js';
import { formatDateTime } from '../format/dates.js';
import { useResource } from '../hooks/useResource.js';
import { useSession } from '../session/SessionContext.js';
import { ConfirmButton } from './ConfirmButton.js';
import { LoadingMessage } from './LoadingMessage.js';

interface ParticipantsSectionProps {
  boardId: string;
  onSessionEnded(): void;
}

/** Plain words for the rules the server refuses by, for the officer's audit view. */
const RULE_NAMES: Record<string, string> = {
  'read-only-write': 'tried to change something only officers or the server may change',
  'note-too-long': 'note too long',
  'rate-limit': 'adding notes too quickly',
  schema: 'note in a form the board does not accept',
  'board-closed': 'changes after the board closed',
  'document-message-flood': 'too many messages at once',
  'draft-too-large': 'too much content',
};

function describeRefusals(participant: ParticipantView): string {
  return participant.refusals
    .map((refusal) => `${RULE_NAMES[refusal.rule] ?? refusal.rule} (${refusal.count})`)
    .join('; ');
}

/**
 * Everyone who joined the board, with what the server refused from them (rules and counts, never the
 * content), and a way to remove someone: their connections close at once and their link stops working.
 */
export function ParticipantsSection({ boardId, onSessionEnded }: ParticipantsSectionProps) {
  const { api } = useSession();
  const [participants, reload] = useResource(() => api.listParticipants(boardId), boardId);

  async function remove(participantId: string): Promise<void> {
    try {
      await api.removeParticipant(boardId, participantId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onSessionEnded();
      throw error;
    }
    reload();
  }

  return (
    <section className="section settings-section" aria-labelledby="participants-heading">
      <h2 className="heading-l" id="participants-heading">
        People on this board
      </h2>
      {participants.status === 'loading' && <LoadingMessage>Loading people…</LoadingMessage>}
      {participants.status === 'failed' && (
        <p className="body">Sorry, we could not load the people on this board. {participants.error.message}</p>
      )}
      {participants.status === 'ready' && participants.data.participants.length === 0 && (
        <p className="body">Nobody has joined yet.</p>
      )}
      {participants.status === 'ready' && participants.data.participants.length > 0 && (
        <ul className="list participant-list" data-testid="participants">
          {participants.data.participants.map((participant) => (
            <li key={participant.id} className="participant-list__item">
              <p className="body">
                <strong className="break-words">{participant.name}</strong>,{' '}
                <span className="break-words">{participant.organisation}</span>{' '}
                ({participant.role === 'observer' ? 'observer' : 'participant'}), joined {formatDateTime(participant.joinedAt)}
              </p>
              {participant.refusals.length > 0 && (
                <p className="body hint" data-testid="participant-refusals">
                  Refused by the server: {describeRefusals(participant)}
                </p>
              )}
              {participant.removedAt ? (
                <p className="body">Removed {formatDateTime(participant.removedAt)}</p>
              ) : (
                <ConfirmButton
                  label={`Remove ${participant.name}`}
                  question={`Remove ${participant.name} from this board? They are disconnected at once and cannot come back with the same link. What they have already posted stays.`}
                  confirmLabel="Yes, remove them"
                  onConfirm={() => remove(participant.id)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
