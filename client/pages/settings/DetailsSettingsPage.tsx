import { BoardDetailsForm } from '../../components/BoardDetailsForm.js';
import { useSettingsContext } from './SettingsContext.js';

/** Settings, details: the board's title, summary and fair-engagement notice. */
export function DetailsSettingsPage() {
  const { board, onBoardChanged, onSessionEnded } = useSettingsContext();
  return <BoardDetailsForm board={board} onSaved={onBoardChanged} onSessionEnded={onSessionEnded} />;
}
