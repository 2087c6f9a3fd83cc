import { ExportSection } from '../../components/ExportSection.js';
import { useSettingsContext } from './SettingsContext.js';

/** Settings, export: the market-engagement record as downloads. */
export function ExportSettingsPage() {
  const { board } = useSettingsContext();
  return <ExportSection boardId={board.id} />;
}
