import { useEffect, useRef, useState } from 'react';
import { MODERATION_REASON_WORDS, type HiddenItemView } from '../../../shared/schema/moderation.js';
import { useModerationContext } from '../../board/ModerationContext.js';
import type { NoteTarget } from '../../board/noteTargets.js';
import { useWallContext } from '../../board/WallContext.js';
import { formatDateTime } from '../../format/dates.js';
import { useResource } from '../../hooks/useResource.js';
import { useSession } from '../../session/SessionContext.js';

interface HiddenNotesProps {
  boardId: string;
  targets: NoteTarget[];
}

/**
 * Officers only: what is hidden on this board, with its text (read by the server from its author's draft:
 * a hidden note is not on the wall), who wrote it, why and by whom it was hidden, and "Restore". Reloads
 * after every hide or restore made on this page, and on "Refresh" (another officer may have hidden some).
 */
export function HiddenNotes({ boardId, targets }: HiddenNotesProps) {
  const { api } = useSession();
  const { canModerate, restore, changes } = useModerationContext();
  const { announce } = useWallContext();
  const [hidden, reload] = useResource(() => api.listModeration(boardId), boardId);
  const [failure, setFailure] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isFirstRef = useRef(true);

  useEffect(() => {
    // Not on mount (useResource loads then): after each hide or restore made here.
    if (isFirstRef.current) {
      isFirstRef.current = false;
      return;
    }
    reload();
  }, [changes, reload]);

  if (!canModerate) return null;

  async function handleRestore(item: HiddenItemView): Promise<void> {
    const problem = await restore(item.kind, item.key);
    setFailure(problem);
    if (problem !== null) return;
    announce(`${item.kind === 'note' ? 'Note' : 'Comment'} by ${item.authorName || 'an unknown author'} restored to the wall.`);
    // The item leaves this list: keep focus in the section rather than losing it to the page.
    headingRef.current?.focus();
  }

  const labelOf = (targetId: string | null) =>
    targetId === null ? null : (targets.find((target) => target.id === targetId)?.label ?? 'A problem or stage that was removed');
  const items = hidden.status === 'ready' ? hidden.data.hidden : [];
  return (
    <section className="wall-section hidden-notes" aria-labelledby="hidden-notes-heading" data-testid="hidden-notes">
      <h2 className="heading-l" id="hidden-notes-heading" tabIndex={-1} ref={headingRef}>
        Hidden notes
      </h2>
      <p className="body">
        Only the board’s officers see this list. Hidden notes are not on the wall; their authors can see that they were hidden, and why.
      </p>
      <button type="button" className="button button--secondary wall-button" onClick={reload}>
        Refresh hidden notes
      </button>
      <div aria-live="polite">
        {hidden.status === 'loading' && <p className="body">Loading…</p>}
        {hidden.status === 'failed' && <p className="body">Sorry, the hidden notes could not be loaded. {hidden.error.message}</p>}
        {hidden.status === 'ready' && items.length === 0 && <p className="body">Nothing is hidden.</p>}
        {failure !== null && (
          <p className="error-message">
            <span className="visually-hidden">Error:</span> {failure}
          </p>
        )}
      </div>
      {items.length > 0 && (
        <ul className="list hidden-notes__list">
          {items.map((item) => (
            <li key={`${item.kind}:${item.key}`} className="hidden-notes__item" data-testid="hidden-note" data-note-key={item.key}>
              <p className="body multiline break-words">{item.text ?? <em>Its author has deleted it.</em>}</p>
              <p className="body-s">
                {item.kind === 'comment' ? 'Comment' : 'Note'} by <strong className="break-words">{item.authorName || 'Unknown author'}</strong>
                {item.authorOrganisation !== '' && <>, {item.authorOrganisation}</>}
                {labelOf(item.targetId) !== null && <> · about {labelOf(item.targetId)}</>}
              </p>
              <p className="body-s">
                <strong className="tag tag--red">Hidden</strong> {MODERATION_REASON_WORDS[item.reason]?.label ?? item.reason}
                {item.detail !== '' && <>: “{item.detail}”</>}
              </p>
              <p className="body-s hint">
                Hidden by {item.hiddenBy.name} on {formatDateTime(item.hiddenAt)}
              </p>
              <button type="button" className="button button--secondary wall-button" onClick={() => void handleRestore(item)}>
                Restore<span className="visually-hidden"> {item.kind} by {item.authorName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
