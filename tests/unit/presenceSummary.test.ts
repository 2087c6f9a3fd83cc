/** Issue 14: presence in one line that fits a hall of 200: "42 people here · 3 typing in Stage 2". */
import { describe, expect, it } from 'vitest';
import type { PresentPerson } from '../../client/board/presence.js';
import { peopleHereText, typingSummary } from '../../client/board/presenceSummary.js';

function typists(count: number, targetId: string): PresentPerson[] {
  return Array.from({ length: count }, (_, index) => ({ id: `${targetId}-${index}`, name: `Person ${index}`, organisation: '', role: 'participant', typing: targetId }));
}

const LABELS: Record<string, string> = { s2: 'Stage 2', p1: 'Repairs need second visits' };
const labelOf = (id: string) => LABELS[id] ?? null;

describe('[#14.presence] presence summarised at scale', () => {
  it('[#14.presence] counts people with the right plural', () => {
    expect(peopleHereText(1)).toBe('1 person here');
    expect(peopleHereText(42)).toBe('42 people here');
  });

  it('[#14.presence] names the busiest place people are typing in, and counts the rest', () => {
    expect(typingSummary(new Map(), labelOf)).toBeNull();
    expect(typingSummary(new Map([['s2', typists(3, 's2')]]), labelOf)).toBe('3 typing in Stage 2');
    expect(typingSummary(new Map([['p1', typists(1, 'p1')], ['s2', typists(3, 's2')]]), labelOf)).toBe('3 typing in Stage 2 and 1 elsewhere');
    // A place removed meanwhile has no name: the count still shows.
    expect(typingSummary(new Map([['gone', typists(2, 'gone')]]), labelOf)).toBe('2 typing');
  });
});
