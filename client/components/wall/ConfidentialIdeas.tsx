import { useState } from 'react';
import type { ConfidentialNoteView } from '../../../shared/protocol/api.js';
import { isNoteColour, NOTE_COLOUR_DETAILS } from '../../../shared/schema/colours.js';
import type { NoteTarget } from '../../board/noteTargets.js';
import { useSession } from '../../session/SessionContext.js';

interface ConfidentialIdeasProps {
  boardId: string;
  targets: NoteTarget[];
}

type Loaded = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; notes: ConfidentialNoteView[] };

/**
 * Officers only: the ideas people marked "confidential to the council". They never go on the wall, so
 * they are fetched on request from the server (which reads the stored drafts) and listed here.
 */
export function ConfidentialIdeas({ boardId, targets }: ConfidentialIdeasProps) {
  const { api } = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'idle' });

  async function load(): Promise<void> {
    setLoaded({ status: 'loading' });
    try {
      const response = await api.listConfidentialNotes(boardId);
      setLoaded({ status: 'ready', notes: response.notes });
    } catch (error) {
      setLoaded({ status: 'failed', message: error instanceof Error ? error.message : 'Try again.' });
    }
  }

  const labelOf = (targetId: string) => targets.find((target) => target.id === targetId)?.label ?? 'A problem or stage that was removed';
  return (
    <section className="wall-section confidential-ideas" aria-labelledby="confidential-heading" data-testid="confidential-ideas">
      <h2 className="heading-l" id="confidential-heading">
        Confidential ideas
      </h2>
      <p className="body">Only the board’s officers can see these. They are never put on the wall or shared with other suppliers.</p>
      <button type="button" className="button button--secondary wall-button" onClick={() => void load()}>
        {loaded.status === 'ready' ? 'Refresh confidential ideas' : 'Show confidential ideas'}
      </button>
      <div aria-live="polite">
        {loaded.status === 'loading' && <p className="body">Loading…</p>}
        {loaded.status === 'failed' && <p className="body">Sorry, the confidential ideas could not be loaded. {loaded.message}</p>}
        {loaded.status === 'ready' && loaded.notes.length === 0 && <p className="body">There are no confidential ideas yet.</p>}
      </div>
      {loaded.status === 'ready' && loaded.notes.length > 0 && (
        <ul className="list confidential-ideas__list">
          {loaded.notes.map((note) => (
            <li key={`${note.authorName}:${note.noteId}`} className="confidential-ideas__item" data-testid="confidential-note">
              <p className="body multiline break-words">{note.text}</p>
              <p className="body-s">
                <strong>{note.authorName}</strong>, {note.authorOrganisation} · about {labelOf(note.targetId)} ·{' '}
                {isNoteColour(note.colour) ? NOTE_COLOUR_DETAILS[note.colour].name : note.colour}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
