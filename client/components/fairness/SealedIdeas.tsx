import { useEffect, useState } from 'react';
import type { ConfidentialNoteView } from '../../../shared/protocol/api.js';
import type { NoteTarget } from '../../board/noteTargets.js';
import { useSession } from '../../session/SessionContext.js';

type Loaded = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; sealed: boolean; notes: ConfidentialNoteView[] };

/**
 * Officers only: ideas held until the reveal (issue 13). They are not on the wall, so the server reads
 * them from the stored drafts on request, like confidential ideas.
 */
export function SealedIdeas({ boardId, targets, isSealed }: { boardId: string; targets: NoteTarget[]; isSealed: boolean }) {
  const { api } = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'idle' });
  // Sealed or revealed since the list was read: it no longer says what is held.
  useEffect(() => setLoaded({ status: 'idle' }), [isSealed]);

  async function load(): Promise<void> {
    setLoaded({ status: 'loading' });
    try {
      const response = await api.listSealedNotes(boardId);
      setLoaded({ status: 'ready', sealed: response.sealed, notes: response.notes });
    } catch (error) {
      setLoaded({ status: 'failed', message: error instanceof Error ? error.message : 'Try again.' });
    }
  }

  const labelOf = (targetId: string) => targets.find((target) => target.id === targetId)?.label ?? 'A problem or stage that was removed';
  return (
    <section className="wall-section confidential-ideas" aria-labelledby="sealed-heading" data-testid="sealed-ideas">
      <h2 className="heading-l" id="sealed-heading">
        Sealed ideas
      </h2>
      <p className="body">While ideas are hidden until reveal, only officers can read suppliers’ ideas here.</p>
      <button type="button" className="button button--secondary wall-button" onClick={() => void load()}>
        {loaded.status === 'ready' ? 'Refresh sealed ideas' : 'Show sealed ideas'}
      </button>
      <div aria-live="polite">
        {loaded.status === 'loading' && <p className="body">Loading…</p>}
        {loaded.status === 'failed' && <p className="body">Sorry, the sealed ideas could not be loaded. {loaded.message}</p>}
        {loaded.status === 'ready' && !loaded.sealed && <p className="body">Ideas are not sealed: every idea goes on the wall.</p>}
        {loaded.status === 'ready' && loaded.sealed && loaded.notes.length === 0 && <p className="body">There are no sealed ideas yet.</p>}
      </div>
      {loaded.status === 'ready' && loaded.notes.length > 0 && (
        <ul className="list confidential-ideas__list">
          {loaded.notes.map((note) => (
            <li key={`${note.authorName}:${note.noteId}`} className="confidential-ideas__item" data-testid="sealed-note">
              <p className="body multiline break-words">{note.text}</p>
              <p className="body-s">
                <strong>{note.authorName}</strong>, {note.authorOrganisation} · about {labelOf(note.targetId)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
