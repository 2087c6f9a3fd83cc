/**
 * What has keyboard focus on the wall, and whether a sighted keyboard user can see where it is.
 */
import type { Page } from 'playwright-core';

export interface FocusedElement {
  /** Tag, test id or class, and text, for messages: `button "Add a note to Find out about support"`. */
  description: string;
  tag: string;
  /** Accessible-ish name: the text a screen reader would read (text content, aria-label, or the label's text). */
  name: string;
  /** The computed focus indicator, for messages. */
  indicator: string;
  /**
   * The element (for a radio or checkbox: its label's ::before, where the ring is drawn) draws an outline
   * or box-shadow, and looks different from an unfocused copy of itself.
   */
  hasVisibleIndicator: boolean;
}

/** Describes `document.activeElement`, or null when nothing is focused. */
export async function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    // No helper functions in here: they would not exist inside the page.
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const isTick = element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio');
    const label = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement ? element.labels?.[0] : undefined;
    const properties = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor', 'color', 'borderColor'] as const;
    // The same element unfocused: a copy beside it for a moment (removed before anything is painted).
    // The copy's fields get names of their own: a checked radio copied into the same group would
    // uncheck the person's choice.
    const original = isTick && element.parentElement ? element.parentElement : element;
    const copy = original.cloneNode(true) as HTMLElement;
    for (const node of [copy, ...Array.from(copy.querySelectorAll('*'))]) {
      node.removeAttribute('id');
      if (node.hasAttribute('name')) node.setAttribute('name', `focus-check-copy-${Math.random()}`);
    }
    original.after(copy);
    const copyInput = isTick ? (copy.matches('input') ? copy : copy.querySelector('input')) : copy;
    const copyLabel = isTick ? copy.querySelector('label') : null;
    // Where the ring is drawn: the element itself, or for a GOV.UK-style tick box its label's ::before.
    const candidates: Array<[CSSStyleDeclaration, CSSStyleDeclaration | null]> = [[getComputedStyle(element), copyInput ? getComputedStyle(copyInput) : null]];
    if (isTick && label) candidates.push([getComputedStyle(label, '::before'), copyLabel ? getComputedStyle(copyLabel, '::before') : null]);
    const looks = candidates.map(([style, copyStyle]) => {
      const focusedLook = properties.map((property) => style[property]).join('|');
      const unfocusedLook = copyStyle ? properties.map((property) => copyStyle[property]).join('|') : '';
      const outlineWidth = Number.parseFloat(style.outlineWidth) || 0;
      const isTransparent = style.outlineColor === 'transparent' || /rgba\(.*,\s*0\)$/.test(style.outlineColor);
      const hasOutline = style.outlineStyle !== 'none' && outlineWidth > 0 && !isTransparent;
      const hasShadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      return {
        indicator: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}; background: ${style.backgroundColor}`,
        isVisible: (hasOutline || hasShadow) && focusedLook !== unfocusedLook,
      };
    });
    copy.remove();
    const shown = looks.find((look) => look.isVisible) ?? looks[0];
    const name = (element.getAttribute('aria-label') ?? (label?.textContent || element.textContent || '')).replace(/\s+/g, ' ').trim();
    const tag = element.tagName.toLowerCase();
    const testId = element.getAttribute('data-testid');
    const where = testId ? `[data-testid=${testId}]` : element.className && typeof element.className === 'string' ? `.${element.className.split(/\s+/)[0]}` : '';
    return {
      description: `${tag}${where}${name ? ` "${name.slice(0, 70)}"` : ''}`,
      tag,
      name,
      indicator: shown?.indicator ?? '',
      hasVisibleIndicator: shown?.isVisible ?? false,
    };
  });
}
