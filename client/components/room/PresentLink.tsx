import { Link } from 'react-router-dom';

/**
 * The officer's one click to the room screen (issue 14). A link, since it opens a page; the board's
 * title follows for screen readers, so a list of boards still makes sense read link by link.
 */
export function PresentLink({ boardId, boardTitle }: { boardId: string; boardTitle: string }) {
  return (
    <Link to={`/boards/${encodeURIComponent(boardId)}/present`} className="present-link" data-testid="present-link">
      Present on the room screen<span className="visually-hidden">: {boardTitle}</span>
    </Link>
  );
}
