import type { BoardResponse } from '../../../shared/protocol/api.js';
import { NotOpenYet } from '../wall/NotOpenYet.js';
import { RoomExit } from './RoomExit.js';
import { RoomInvite } from './RoomInvite.js';

/**
 * The room screen before the board opens (draft phase: only officers may read its documents): the
 * title, when it opens, and already how to join, so people can scan the code as they arrive.
 */
export function RoomWaiting({ board }: { board: BoardResponse }) {
  return (
    <div className="room room--waiting" data-testid="room-waiting">
      <h1 className="room__title break-words">{board.board.title}</h1>
      <NotOpenYet title={board.board.title} opensAt={board.opensAt} />
      <div className="room-waiting__join">
        <RoomInvite boardId={board.board.id} role={board.viewer.role} />
      </div>
      <RoomExit boardId={board.board.id} />
    </div>
  );
}
