/**
 * The checks every page gets in pages.test.ts: screenshots at both sizes, axe (serious and critical) at
 * both sizes, no sideways scrolling or content cut off at 360 px, one h1, a page title, and a clean console.
 * Uses `expect.soft` so one run reports every problem a page has, not just the first.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { VIEWPORTS, describeViolations, hasHorizontalScroll, screenshotBothSizes, seriousAxeViolations } from '../helpers/browser.js';
import type { PageProblems } from './pageProblems.js';

/** Visible elements that stick out past the right edge of the viewport (cut off when an ancestor hides overflow). */
async function elementsPastRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const rect = element.getBoundingClientRect();
      // Skip the invisible (visually-hidden text, an off-screen skip link) and anything starting off screen.
      if (rect.width <= 1 || rect.height <= 1 || rect.left >= width || rect.right <= width + 1) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none' || style.position === 'fixed') continue;
      if (style.clipPath !== 'none' || (style.clip !== 'auto' && style.clip !== '')) continue;
      const id = element.id ? `#${element.id}` : '';
      const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      found.push(`${element.tagName.toLowerCase()}${id}${classes} (right edge ${Math.round(rect.right)} px > ${width} px)`);
    }
    return found.slice(0, 10);
  });
}

export async function checkPage(page: Page, name: string, problems: PageProblems): Promise<void> {
  await page.setViewportSize({ ...VIEWPORTS.desktop });
  await screenshotBothSizes(page, name);

  expect.soft(await page.locator('h1').count(), `${name}: exactly one h1`).toBe(1);
  const title = await page.title();
  expect.soft(title.trim(), `${name}: document.title`).not.toBe('');
  expect.soft(title, `${name}: document.title names the service`).toContain('Open Ideas Wall');

  const desktopViolations = await seriousAxeViolations(page);
  expect.soft(desktopViolations, `${name} at 1280×800, axe:\n${describeViolations(desktopViolations)}`).toEqual([]);

  await page.setViewportSize({ ...VIEWPORTS.phone });
  const phoneViolations = await seriousAxeViolations(page);
  expect.soft(phoneViolations, `${name} at 360×740, axe:\n${describeViolations(phoneViolations)}`).toEqual([]);
  expect.soft(await hasHorizontalScroll(page), `${name}: scrolls sideways at 360 px`).toBe(false);
  expect.soft(await elementsPastRightEdge(page), `${name}: elements cut off at the right edge at 360 px`).toEqual([]);
  await page.setViewportSize({ ...VIEWPORTS.desktop });

  expect.soft(problems.list(), `${name}: console errors, uncaught errors or CSP violations`).toEqual([]);
}
