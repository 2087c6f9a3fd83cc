import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { ModerationReason } from '../../../shared/schema/moderation.js';
import { useModerationContext } from '../../board/ModerationContext.js';
import { useWallContext } from '../../board/WallContext.js';
import { HideReasonFields, hideReasonErrors } from '../HideReasonFields.js';

interface HideNoteActionProps {
  /** The note's wall key (`<personId>:<noteId>`). */
  noteKey: string;
  /** Who wrote it, for the button's accessible name ("Hide note by Ana Lopez"). */
  authorName: string;
}

/**
 * Officers only: "Hide" on someone's note opens a small form (reason, optional detail, Hide / Cancel).
 * Focus goes to the first reason when it opens and back to "Hide" on cancel; once hidden, the note leaves
 * the wall, so focus goes to a neighbouring note (or the lane) and a polite announcement says what happened.
 */
export function HideNoteAction({ noteKey, authorName }: HideNoteActionProps) {
  const { canModerate, hide } = useModerationContext();
  const { announce } = useWallContext();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState<ModerationReason | null>(null);
  const [detail, setDetail] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; detail?: string; server?: string }>({});
  const [isBusy, setBusy] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const firstRadioRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const wasOpenRef = useRef(false);
  /** While a hide is under way: its note card, and where focus goes once the note has left the wall. */
  const leavingRef = useRef<{ card: Element; next: HTMLElement } | null>(null);
  const id = `hide${useId().replace(/:/g, '')}`;

  // The note usually leaves the wall (its broadcast) before the hide's answer comes back, taking this form
  // and its focus with it: focus then moves on at once, never to the page's body.
  useLayoutEffect(
    () => () => {
      const leaving = leavingRef.current;
      const focused = document.activeElement;
      if (leaving && (focused === null || focused === document.body || leaving.card.contains(focused))) leaving.next.focus();
    },
    [],
  );

  useEffect(() => {
    if (isOpen) firstRadioRef.current?.focus();
    else if (wasOpenRef.current) buttonRef.current?.focus();
    wasOpenRef.current = isOpen || wasOpenRef.current;
  }, [isOpen]);

  if (!canModerate) return null;

  function close(): void {
    setOpen(false);
    setReason(null);
    setDetail('');
    setErrors({});
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isBusy) return;
    const problems = hideReasonErrors(reason, detail);
    if (reason === null || problems.detail !== undefined) {
      setErrors(problems);
      if (problems.reason !== undefined) firstRadioRef.current?.focus();
      else document.getElementById(`${id}-detail`)?.focus();
      return;
    }
    setBusy(true);
    // Where focus goes once the note has left the wall: the next note, the previous one, or the lane.
    const card = formRef.current?.closest('[data-testid="note"]');
    const lane = card?.closest('.lane-notes');
    const next = card?.nextElementSibling ?? card?.previousElementSibling ?? lane?.querySelector<HTMLElement>('.add-note__button') ?? lane;
    leavingRef.current = card && next instanceof HTMLElement ? { card, next } : null;
    const failure = await hide('note', noteKey, reason, detail);
    leavingRef.current = null;
    setBusy(false);
    if (failure !== null) {
      setErrors({ server: failure });
      return;
    }
    announce(`Note by ${authorName} hidden. It is listed under Hidden notes.`);
    if (next instanceof HTMLElement) next.focus();
  }

  if (!isOpen) {
    return (
      <button type="button" className="button button--secondary wall-button hide-note__button" ref={buttonRef} onClick={() => setOpen(true)}>
        Hide<span className="visually-hidden"> note by {authorName}</span>
      </button>
    );
  }
  return (
    <form className="hide-note" ref={formRef} onSubmit={(event) => void handleSubmit(event)} noValidate aria-label={`Hide note by ${authorName}`} data-testid="hide-note-form">
      {errors.server !== undefined && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {errors.server}
        </p>
      )}
      <HideReasonFields
        id={id}
        legend="Why are you hiding this note?"
        reason={reason}
        detail={detail}
        onReasonChange={(chosen) => {
          setReason(chosen);
          setErrors({ ...errors, reason: undefined });
        }}
        onDetailChange={setDetail}
        reasonError={errors.reason}
        detailError={errors.detail}
        ref={firstRadioRef}
      />
      <p className="body-s hide-note__explained">Other people will no longer see it. Its author will see that you hid it, and why.</p>
      <div className="note__buttons">
        <button type="submit" className="button button--warning wall-button" disabled={isBusy}>
          Hide note
        </button>
        <button type="button" className="button button--secondary wall-button" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
