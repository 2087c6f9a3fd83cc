import { useOutletContext } from 'react-router-dom';
import type { BoardView } from '../../../shared/protocol/api.js';

/** What the settings frame hands each settings page: the board, and how to report back. */
export interface SettingsContext {
  board: BoardView;
  /** A page changed the board (details, archive): the frame shows the change everywhere. */
  onBoardChanged(board: BoardView): void;
  /** The officer's session ended mid-action: the frame sends them to sign in. */
  onSessionEnded(): void;
}

export function useSettingsContext(): SettingsContext {
  return useOutletContext<SettingsContext>();
}
