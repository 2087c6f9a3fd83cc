import { useEffect, useRef } from 'react';
import { formatInstant } from './ScheduleForm.js';

/**
 * What participants and observers see while the board is in its draft phase: they may not open its
 * documents (the server refuses them, 4425). The page moves on to the wall by itself when the server
 * says the board opened ('phase-changed').
 */
export function NotOpenYet({ title, opensAt }: { title: string; opensAt: number | null }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // When this replaces the wall (the board went back to draft), focus would be lost: bring it here.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, []);
  return (
    <div className="not-open-yet" data-testid="not-open-yet">
      <h2 className="heading-m" tabIndex={-1} ref={heading}>
        This board is not open yet
      </h2>
      <div className="inset-text">
        <p className="body" data-testid="not-open-yet-time">
          {opensAt === null ? (
            <>The council will open “{title}” soon.</>
          ) : (
            <>
              “{title}” opens on <strong>{formatInstant(opensAt)}</strong>.
            </>
          )}
        </p>
      </div>
      <p className="body">Keep this page open: the board appears here as soon as it opens. You do not need to refresh.</p>
    </div>
  );
}
