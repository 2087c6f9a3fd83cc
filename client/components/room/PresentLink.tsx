import { Link } from 'react-router-dom';

/**
 * The officer's one click to the room screen (issue 14). A link, since it opens a page. Its words do not
 * repeat the board's title: it sits under that title (in the board's list item, or the board's page),
 * which gives it its purpose in context, and links named by the title alone stay unique.
 */
export function PresentLink({ boardId }: { boardId: string }) {
  return (
    <Link to={`/boards/${encodeURIComponent(boardId)}/present`} className="present-link" data-testid="present-link">
      Present on the room screen
    </Link>
  );
}
