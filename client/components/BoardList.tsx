import { Link } from 'react-router-dom';
import type { BoardView } from '../../shared/protocol/api.js';
import { formatDateTime } from '../format/dates.js';
import { BoardStatusTag } from './BoardStatusTag.js';
import { BoardGlance } from './BoardGlance.js';

/** Boards as a list rather than a table, so it reads well on a phone; open boards with their figures and shortcuts. */
export function BoardList({ boards }: { boards: readonly BoardView[] }) {
  return (
    <ul className="list board-list">
      {boards.map((board) => (
        <li className="board-list__item" key={board.id}>
          <h3 className="heading-s board-list__title">
            <Link to={`/boards/${encodeURIComponent(board.id)}`} className="break-words">
              {board.title}
            </Link>
          </h3>
          <p className="board-list__meta">
            <BoardStatusTag status={board.status} />
            <span className="board-list__updated">Last updated {formatDateTime(board.updatedAt)}</span>
          </p>
          {board.status === 'open' && <BoardGlance board={board} />}
        </li>
      ))}
    </ul>
  );
}
