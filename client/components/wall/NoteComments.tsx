import { useId, useRef, useState, type FormEvent } from 'react';
import { addMyComment, deleteMyComment, editMyComment, MAX_COMMENT_TEXT_CHARS } from '../../../shared/schema/draftComments.js';
import type { WallKey } from '../../../shared/schema/wall.js';
import { mayComment } from '../../board/noteRecords.js';
import type { NoteRecordsValue } from '../../board/NoteRecordsContext.js';

interface ShownComment {
  id: string;
  text: string;
  author: string;
  createdAt: number;
  isMine: boolean;
  /** For mine: why it is not on the wall, if the server said so. */
  problem: string | null;
}

/** Everyone else's comments on a note from the wall, and mine from my draft (so waiting ones show too). */
function commentsOn(noteKey: WallKey, records: NoteRecordsValue): ShownComment[] {
  const { wall, mine, personId, outcomes } = records;
  const shown: ShownComment[] = [];
  for (const comment of wall.comments.get(noteKey) ?? []) {
    if (comment.author === personId && records.draftDoc !== null) continue;
    const person = wall.people.get(comment.author);
    const author = person ? [person.name, person.organisation].filter((part) => part.trim() !== '').join(', ') : 'A participant';
    shown.push({ id: comment.commentId, text: comment.text, author, createdAt: comment.createdAt, isMine: comment.author === personId, problem: null });
  }
  if (records.draftDoc !== null) {
    for (const [commentId, comment] of mine.comments) {
      if (comment.noteKey !== noteKey) continue;
      const problem = outcomes.find((outcome) => outcome.recordKind === 'comment' && outcome.recordId === commentId)?.message ?? null;
      shown.push({ id: commentId, text: comment.text, author: 'You', createdAt: comment.createdAt, isMine: true, problem });
    }
  }
  return shown.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * A note's comments in a disclosure ("Comments (2)"): the list, and while the board allows it a form to
 * add one; my own comments can be edited and deleted. Plain text only.
 */
export function NoteComments({ noteKey, records }: { noteKey: WallKey; records: NoteRecordsValue }) {
  const { draftDoc, role, phase, announce } = records;
  const comments = commentsOn(noteKey, records);
  const canWrite = draftDoc !== null && role !== 'observer' && mayComment(phase, role);
  const [editingId, setEditingId] = useState<string | null>(null);
  if (!canWrite && comments.length === 0) return null;

  return (
    <details className="note-comments" data-testid="note-comments">
      <summary className="note-comments__summary">
        Comments <span data-testid="comment-count">({comments.length})</span>
      </summary>
      {comments.length > 0 && (
        <ul className="note-comments__list">
          {comments.map((comment) => (
            <li key={comment.id} className="note-comments__item" data-testid="comment" tabIndex={-1} id={`comment-${comment.id}`}>
              {editingId === comment.id && draftDoc !== null ? (
                <CommentForm
                  label="Edit your comment"
                  submitLabel="Save comment"
                  initial={comment.text}
                  onSubmit={(text) => {
                    editMyComment(draftDoc, comment.id, text);
                    setEditingId(null);
                    announce('Comment saved');
                  }}
                  onCancel={() => setEditingId(null)}
                />
              ) : (
                <>
                  <p className="note-comments__text multiline">{comment.text}</p>
                  <p className="note-comments__author">{comment.author}</p>
                  {comment.problem && <p className="note-records__problem">{comment.problem}</p>}
                  {comment.isMine && draftDoc !== null && (
                    <div className="note-comments__buttons">
                      {canWrite && (
                        <button type="button" className="link-button" onClick={() => setEditingId(comment.id)}>
                          Edit<span className="visually-hidden"> your comment</span>
                        </button>
                      )}
                      <button
                        type="button"
                        className="link-button"
                        onClick={(event) => {
                          const details = event.currentTarget.closest('details');
                          deleteMyComment(draftDoc, comment.id);
                          announce('Comment deleted');
                          details?.querySelector<HTMLElement>('summary')?.focus();
                        }}
                      >
                        Delete<span className="visually-hidden"> your comment</span>
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && draftDoc !== null && editingId === null && (
        <CommentForm
          label="Add a comment"
          submitLabel="Add comment"
          initial=""
          onSubmit={(text) => {
            addMyComment(draftDoc, noteKey, text);
            announce('Comment added');
          }}
        />
      )}
    </details>
  );
}

interface CommentFormProps {
  label: string;
  submitLabel: string;
  initial: string;
  /** Throws RangeError with a message for the person when the text is not allowed. */
  onSubmit(text: string): void;
  onCancel?(): void;
}

function CommentForm({ label, submitLabel, initial, onSubmit, onCancel }: CommentFormProps) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    try {
      onSubmit(text);
      setText('');
      setError(null);
      fieldRef.current?.focus();
    } catch (problem) {
      setError(problem instanceof RangeError ? problem.message : 'Your comment could not be saved. Try again.');
      fieldRef.current?.focus();
    }
  }

  return (
    <form className="note-comments__form" onSubmit={handleSubmit} noValidate>
      <div className={`form-group${error ? ' form-group--error' : ''}`}>
        <label className="label note-comments__label" htmlFor={`${id}-text`}>
          {label}
        </label>
        {error && (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        )}
        <textarea
          id={`${id}-text`}
          ref={fieldRef}
          className={`textarea note-comments__textarea${error ? ' textarea--error' : ''}`}
          rows={2}
          maxLength={MAX_COMMENT_TEXT_CHARS}
          value={text}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="note-comments__buttons">
        <button type="submit" className="button button--secondary wall-button">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary wall-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
