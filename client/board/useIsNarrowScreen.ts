import { useState } from 'react';

/** Same breakpoint as the wall's CSS (`max-width: 640px`): lanes stack and groups start folded. */
const NARROW_QUERY = '(max-width: 640px)';

/** Whether the screen was narrow when the component mounted (a starting point the person can change). */
export function useIsNarrowScreen(): boolean {
  const [isNarrow] = useState(() => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches);
  return isNarrow;
}
