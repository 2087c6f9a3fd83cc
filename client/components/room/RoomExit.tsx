import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';

/** Back to the ordinary wall: a link, and the Esc key from anywhere on the room screen. */
export function RoomExit({ boardId }: { boardId: string }) {
  const navigate = useNavigate();
  const wallPath = `/boards/${encodeURIComponent(boardId)}`;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) navigate(wallPath);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate, wallPath]);
  return (
    <p className="room-exit">
      <Link className="room-exit__link" to={wallPath} data-testid="room-exit">
        Exit room screen<span className="visually-hidden"> (or press Escape)</span>
      </Link>
    </p>
  );
}
