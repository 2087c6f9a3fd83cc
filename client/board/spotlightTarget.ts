/**
 * Finding what the spotlight points at, on the page and in words. Problems, stages and clusters mark
 * their element with `data-spotlight-id="<id>"` (see `SpotlightTools`); the words come from the brief.
 */
import * as Y from 'yjs';
import type { BriefState } from '../../shared/schema/brief.js';
import { problemTitle, serviceMapTitle, stageTitle } from './noteTargets.js';

/** "Problem statement: Carers cannot find respite", "Getting an assessment, stage 2: Ask", "Group: Booking online"; null when unknown. */
export function spotlightLabel(brief: BriefState, briefDoc: Y.Doc | null, targetId: string): string | null {
  const problem = brief.problems.find((candidate) => candidate.id === targetId);
  if (problem) return `Problem statement: ${problemTitle(problem)}`;
  for (const map of brief.serviceMaps) {
    const index = map.stages.findIndex((stage) => stage.id === targetId);
    const stage = map.stages[index];
    if (stage) return `${serviceMapTitle(map)}, stage ${index + 1}: ${stageTitle(stage)}`;
  }
  // Clusters (grouping, issue 12) are Y.Maps with a `title` in the brief's `clusters` root.
  const cluster = briefDoc?.getMap<unknown>('clusters').get(targetId);
  if (cluster instanceof Y.Map) {
    const title = (cluster as Y.Map<unknown>).get('title');
    const text = title instanceof Y.Text ? title.toString() : typeof title === 'string' ? title : '';
    return `Group: ${text.trim() || 'Untitled group'}`;
  }
  return null;
}

/** The page element of a spotlight target, if it is on the page. */
export function spotlightElement(targetId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-spotlight-id="${CSS.escape(targetId)}"]`);
}

/** True while the person is writing in a field: the spotlight must not take their focus or their place. */
export function isTyping(): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return false;
  if (active.isContentEditable || active instanceof HTMLTextAreaElement || active instanceof HTMLSelectElement) return true;
  if (!(active instanceof HTMLInputElement)) return false;
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(active.type);
}

/**
 * Brings the target into view; with `moveFocus`, also moves keyboard and screen reader focus to its
 * heading (made focusable for this only), so they continue from there.
 */
export function goToSpotlight(targetId: string, moveFocus: boolean): boolean {
  const element = spotlightElement(targetId);
  if (element === null) return false;
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
  if (moveFocus) {
    const heading = element.querySelector<HTMLElement>('h2, h3, h4') ?? element;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
  return true;
}
