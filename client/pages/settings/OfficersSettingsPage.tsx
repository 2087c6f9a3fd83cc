import { useState } from 'react';
import { OfficerChangesSection } from '../../components/OfficerChangesSection.js';
import { OfficersSection } from '../../components/OfficersSection.js';
import { useSettingsContext } from './SettingsContext.js';

/** Settings, officers: who runs the board, inviting and removing officers, and the record of those changes. */
export function OfficersSettingsPage() {
  const { board, onSessionEnded } = useSettingsContext();
  const [officersVersion, setOfficersVersion] = useState(0);
  return (
    <>
      <OfficersSection boardId={board.id} onSessionEnded={onSessionEnded} onOfficersChanged={() => setOfficersVersion((version) => version + 1)} />
      <OfficerChangesSection boardId={board.id} version={officersVersion} />
    </>
  );
}
