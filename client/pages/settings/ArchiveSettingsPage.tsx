import { ArchiveSection } from '../../components/ArchiveSection.js';
import { useSettingsContext } from './SettingsContext.js';

/** Settings, archive: make the board read-only when the engagement ends, or restore it (asked first). */
export function ArchiveSettingsPage() {
  const { board, onBoardChanged, onSessionEnded } = useSettingsContext();
  return <ArchiveSection board={board} onChanged={onBoardChanged} onSessionEnded={onSessionEnded} />;
}
