/**
 * What has keyboard focus, and whether a sighted keyboard user can see where it is.
 */
import type { Page } from 'playwright-core';

export interface FocusedElement {
  /** Tag, id and text, for assertion messages: `a "Skip to main content"`, `input#email`. */
  description: string;
  tag: string;
  id: string;
  text: string;
  /** The focus indicator as computed: outline and box-shadow (of the label's tick box for a checkbox). */
  indicator: string;
  /**
   * True when the computed outline is drawn (style, width and a non-transparent colour) or a box-shadow is
   * set, and the element looks different from an unfocused copy of itself (a button's permanent shadow is no indicator).
   */
  hasVisibleIndicator: boolean;
}

/** Describes `document.activeElement`, or null when focus is on the body (nothing focused). */
export async function focusedElement(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    // No helper functions in here: a bundler's name-keeping wrapper would not exist inside the page.
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    // A GOV.UK checkbox hides the native box; its visible box is the label's ::before, which shows the focus.
    const isCheckbox = element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio');
    const label = isCheckbox ? (element as HTMLInputElement).labels?.[0] : undefined;
    const style = label ? getComputedStyle(label, '::before') : getComputedStyle(element);
    const outlineWidth = Number.parseFloat(style.outlineWidth) || 0;
    const isOutlineTransparent = style.outlineColor === 'transparent' || /rgba\(.*,\s*0\)$/.test(style.outlineColor);
    const hasOutline = style.outlineStyle !== 'none' && outlineWidth > 0 && !isOutlineTransparent;
    const hasShadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const lookProperties = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor', 'color', 'borderColor'] as const;
    const focusedLook = lookProperties.map((name) => style[name]).join('|');
    // The same element unfocused: an unfocused copy placed beside it for a moment (removed before any paint).
    const original = isCheckbox && element.parentElement ? element.parentElement : element;
    const copy = original.cloneNode(true) as HTMLElement;
    copy.removeAttribute('id');
    copy.querySelectorAll('[id]').forEach((node) => node.removeAttribute('id'));
    original.after(copy);
    const copyLabel = isCheckbox ? copy.querySelector('label') : null;
    const copyStyle = copyLabel ? getComputedStyle(copyLabel, '::before') : getComputedStyle(copy);
    const unfocusedLook = lookProperties.map((name) => copyStyle[name]).join('|');
    copy.remove();
    const text = (element.innerText || element.getAttribute('aria-label') || (element as HTMLInputElement).value || '').trim();
    const tag = element.tagName.toLowerCase();
    return {
      description: `${tag}${element.id ? `#${element.id}` : ''}${text ? ` "${text.slice(0, 60)}"` : ''}`,
      tag,
      id: element.id,
      text,
      indicator: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}; background: ${style.backgroundColor}`,
      hasVisibleIndicator: (hasOutline || hasShadow) && focusedLook !== unfocusedLook,
    };
  });
}

/**
 * Presses Tab until `isTarget` matches the focused element, checking on the way that every element
 * focused shows a visible indicator. Returns the target and every element passed (for messages).
 */
export async function tabUntil(
  page: Page,
  isTarget: (focused: FocusedElement) => boolean,
  { maxTabs = 30 }: { maxTabs?: number } = {},
): Promise<{ target: FocusedElement; visited: FocusedElement[] }> {
  const visited: FocusedElement[] = [];
  for (let presses = 0; presses < maxTabs; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    if (focused) visited.push(focused);
    if (focused && isTarget(focused)) return { target: focused, visited };
  }
  throw new Error(`Not reached within ${maxTabs} Tab presses. Focus went: ${visited.map((item) => item.description).join(' → ')}`);
}

/** The elements among `visited` whose focus cannot be seen, one line each. */
export function withoutVisibleFocus(visited: readonly FocusedElement[]): string[] {
  return visited.filter((item) => !item.hasVisibleIndicator).map((item) => `${item.description} (${item.indicator})`);
}
