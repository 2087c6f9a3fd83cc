/**
 * What a problem, stage or cluster shows about the spotlight (issue 12): an "In the spotlight" tag for
 * everyone when it is the one, and for officers "Spotlight this" / "End spotlight". The element that
 * holds it must carry `data-spotlight-id={targetId}` (use `spotlightAttributes`) so followers' pages
 * can scroll to it and highlight it.
 */
import { useState } from 'react';
import { useSpotlightContext } from '../../board/SpotlightContext.js';

/** Attributes for the element of a problem, stage or cluster: where followers scroll, what is highlighted. */
export function useSpotlightAttributes(targetId: string): { 'data-spotlight-id': string; 'data-spotlit'?: 'true' } {
  const { spotlight } = useSpotlightContext();
  return spotlight?.targetId === targetId ? { 'data-spotlight-id': targetId, 'data-spotlit': 'true' } : { 'data-spotlight-id': targetId };
}

interface SpotlightToolsProps {
  targetId: string;
  /** What it is, for the button's hidden words: "problem statement: Carers cannot find respite". */
  targetLabel: string;
}

export function SpotlightTools({ targetId, targetLabel }: SpotlightToolsProps) {
  const { spotlight, canSpotlight, setSpotlight } = useSpotlightContext();
  const [error, setError] = useState<string | null>(null);
  const isSpotlit = spotlight?.targetId === targetId;
  if (!isSpotlit && !canSpotlight) return null;

  return (
    <div className="spotlight-tools">
      {isSpotlit && <strong className="tag tag--blue spotlight-tools__tag">In the spotlight</strong>}
      {canSpotlight && (
        // One button whose words change, so focus stays on it.
        <button
          type="button"
          className="button button--secondary wall-button spotlight-tools__button"
          onClick={() => void setSpotlight(isSpotlit ? null : targetId).then(setError)}
        >
          {isSpotlit ? 'End spotlight' : 'Spotlight this'}
          <span className="visually-hidden">: {targetLabel}</span>
        </button>
      )}
      {error !== null && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
    </div>
  );
}
