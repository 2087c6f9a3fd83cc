import { describe, expect, it } from 'vitest';
import { MORE_NOTES_STEP, NOTES_SHOWN_AT_FIRST, nextStepCount, noteWindow } from '../../client/board/noteWindow.js';

const numbers = (count: number) => Array.from({ length: count }, (_, index) => index);

describe('which notes of a list are on the page', () => {
  it('[phone:window] a 2,000-note list shows only its first notes, and says how many it leaves out', () => {
    const { shown, hiddenCount } = noteWindow(numbers(2_000), NOTES_SHOWN_AT_FIRST, () => false);
    expect(shown).toEqual(numbers(NOTES_SHOWN_AT_FIRST));
    expect(hiddenCount).toBe(2_000 - NOTES_SHOWN_AT_FIRST);
    expect(NOTES_SHOWN_AT_FIRST).toBeLessThanOrEqual(24);
  });

  it('[phone:window] a short list is shown whole', () => {
    expect(noteWindow(numbers(5), NOTES_SHOWN_AT_FIRST, () => false)).toEqual({ shown: numbers(5), hiddenCount: 0 });
    expect(noteWindow(numbers(NOTES_SHOWN_AT_FIRST), NOTES_SHOWN_AT_FIRST, () => false).hiddenCount).toBe(0);
  });

  it('[phone:window] my own notes (and a note to focus) are shown even beyond the window, in the list’s order', () => {
    const { shown, hiddenCount } = noteWindow(numbers(100), 3, (note) => note === 50 || note === 99);
    expect(shown).toEqual([0, 1, 2, 50, 99]);
    expect(hiddenCount).toBe(95);
  });

  it('[phone:window] a negative limit shows only the notes always shown', () => {
    expect(noteWindow(numbers(4), -1, (note) => note === 2)).toEqual({ shown: [2], hiddenCount: 3 });
  });

  it('[phone:window] "Show more notes" adds a step, or what is left', () => {
    expect(nextStepCount(1_000)).toBe(MORE_NOTES_STEP);
    expect(nextStepCount(3)).toBe(3);
    expect(nextStepCount(-2)).toBe(0);
  });
});
