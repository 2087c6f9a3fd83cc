import { useId, useState, type FormEvent } from 'react';
import { useWallContext } from '../../board/WallContext.js';
import { TargetOptions } from '../wall/TargetOptions.js';

interface WallJumpNavProps {
  /** Called with the place the person went to: "Add a note" then offers it first. */
  onGoTo(targetId: string): void;
  isMineOnly: boolean;
  onMineOnlyChange(isMineOnly: boolean): void;
  /** How many notes this person has on the board (their draft), for the "My notes" button. */
  myNoteCount: number;
  /** Writers have notes of their own; observers do not. */
  canHaveNotes: boolean;
}

/** The card or lane of a problem or stage on the page. */
function placeElement(targetId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="problem-${CSS.escape(targetId)}"], [data-testid="stage-${CSS.escape(targetId)}"]`);
}

/**
 * Jump to a problem or stage, and show only my notes (issue 14: on a phone the wall is one column
 * thousands of pixels tall). Going somewhere moves the focus to that place's heading, so keyboard and
 * screen reader users land where sighted users see the page scroll to.
 */
export function WallJumpNav({ onGoTo, isMineOnly, onMineOnlyChange, myNoteCount, canHaveNotes }: WallJumpNavProps) {
  const { targets } = useWallContext();
  const id = useId();
  const [choice, setChoice] = useState('');

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    const target = targets.find((candidate) => candidate.id === choice) ?? targets[0];
    if (target === undefined) return;
    const place = placeElement(target.id);
    const heading = place?.querySelector<HTMLElement>('h2, h3') ?? place;
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
    }
    onGoTo(target.id);
  }

  if (targets.length === 0 && !canHaveNotes) return null;
  return (
    <nav className="wall-jump" aria-label="Find your way on the wall" data-testid="wall-jump">
      {targets.length > 0 && (
        <form className="wall-jump__form" onSubmit={handleSubmit}>
          <label className="label wall-jump__label" htmlFor={`${id}-place`}>
            Go to a problem or stage
          </label>
          <div className="wall-jump__row">
            <select className="select wall-jump__select" id={`${id}-place`} value={choice || targets[0]!.id} onChange={(event) => setChoice(event.target.value)}>
              <TargetOptions targets={targets} />
            </select>
            <button type="submit" className="button button--secondary wall-button">
              Go<span className="visually-hidden"> to this place</span>
            </button>
          </div>
        </form>
      )}
      {canHaveNotes && (
        <button
          type="button"
          className="button button--secondary wall-button wall-jump__mine"
          aria-pressed={isMineOnly}
          onClick={() => onMineOnlyChange(!isMineOnly)}
          data-testid="my-notes-toggle"
        >
          My notes ({myNoteCount})
        </button>
      )}
    </nav>
  );
}
