import { ParticipantsSection } from '../../components/ParticipantsSection.js';
import { useSettingsContext } from './SettingsContext.js';

/** Settings, people: who joined, what the server refused from each, and removing or letting back in. */
export function PeopleSettingsPage() {
  const { board, onSessionEnded } = useSettingsContext();
  return <ParticipantsSection boardId={board.id} onSessionEnded={onSessionEnded} />;
}
