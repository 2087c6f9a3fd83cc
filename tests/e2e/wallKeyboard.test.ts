/**
 * The wall with the keyboard alone, in real Chromium against the built app: a supplier adds a note to
 * a stage, edits it, moves it to another stage with the "Move to…" select, and deletes it, using only
 * Tab, Shift+Tab, Enter, Space, the arrow keys in a radio group and typing. After each key press the
 * focused element must show a visible focus indicator.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { SCREENSHOT_DIR, launchBrowser } from '../helpers/browser.js';
import {
  SERVICE_MAP,
  SUPPLIER_A,
  SYNC_TIMEOUT_MS,
  addProblemInUi,
  addServiceMapInUi,
  createBoardByApi,
  joinByApi,
  notesWithText,
  openActor,
  openWall,
  setUpOfficerByApi,
  watchPageErrors,
} from './wallSteps.js';
import { focusedElement, type FocusedElement } from './wallFocus.js';

const TEST_TIMEOUT_MS = 90_000;

let browser: Browser;
let app: AppProcess;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
});

afterAll(async () => {
  await browser?.close();
  await app?.remove();
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});

/** Presses keys and remembers, for each press, what got focus and whether its focus could be seen. */
class Keyboard {
  readonly invisible: string[] = [];

  constructor(private readonly page: Page) {}

  async press(key: string, step: string): Promise<FocusedElement | null> {
    await this.page.keyboard.press(key);
    return this.check(`${step} (${key})`);
  }

  async type(text: string, step: string): Promise<void> {
    await this.page.keyboard.type(text);
    await this.check(`${step} (typing)`);
  }

  /** Tab until the focused element's name is `name`; fails with the path taken. */
  async tabTo(name: string, step: string, maxTabs = 40): Promise<FocusedElement> {
    const path: string[] = [];
    for (let presses = 0; presses < maxTabs; presses += 1) {
      const focused = await this.press('Tab', step);
      path.push(focused?.description ?? '(nothing)');
      if (focused?.name === name) return focused;
    }
    throw new Error(`${step}: "${name}" not reached within ${maxTabs} Tab presses. Focus went: ${path.join(' → ')}`);
  }

  private async check(step: string): Promise<FocusedElement | null> {
    const focused = await focusedElement(this.page);
    if (focused === null) this.invisible.push(`${step}: focus went to the page itself (nothing focused)`);
    else if (!focused.hasVisibleIndicator) this.invisible.push(`${step}: ${focused.description} has no visible focus (${focused.indicator})`);
    return focused;
  }
}

describe('the wall with the keyboard alone', () => {
  it(
    'a supplier adds, edits, moves and deletes a note without the mouse, and can always see where focus is',
    async () => {
      // The officer's set-up is not what is tested here: it uses the wall with the mouse.
      const officerClient = await setUpOfficerByApi(app);
      const { board, participantLink } = await createBoardByApi(officerClient);
      const officer = await openActor(browser, officerClient);
      contexts.push(officer.context);
      await openWall(officer.page, app.url, board.id);
      await addProblemInUi(officer.page);
      const { stageIds } = await addServiceMapInUi(officer.page);
      const [firstStage, , lastStage] = SERVICE_MAP.stages;
      const firstLane = `stage-${stageIds[0]}`;
      const lastLane = `stage-${stageIds[2]}`;

      const supplier = await openActor(browser, await joinByApi(app.url, participantLink, SUPPLIER_A));
      contexts.push(supplier.context);
      const { page } = supplier;
      const errors = watchPageErrors(page);
      await openWall(page, app.url, board.id);
      const keys = new Keyboard(page);
      const focusedNow = () => focusedElement(page);

      // Add: Tab to the first stage's "Add a note", Enter, type, pick Green with the arrow key, Tab to "Add note", Enter.
      const addButtonName = `Add a note to ${firstStage.title}`;
      await keys.tabTo(addButtonName, 'to the first stage’s Add a note');
      await keys.press('Enter', 'open the note form');
      expect((await focusedNow())?.name, 'the form opens with focus in the idea box').toBe('Your idea');
      await keys.type('Drop-in advice sessions at GP surgeries', 'write the idea');
      await keys.tabTo('Yellow', 'to the colours');
      await keys.press('ArrowRight', 'choose Green');
      expect(await page.getByTestId(firstLane).getByRole('radio', { name: 'Green' }).isChecked()).toBe(true);
      await keys.tabTo('Add note', 'to Add note');
      await keys.press('Enter', 'add the note');
      const note = notesWithText(page.getByTestId(firstLane), 'Drop-in advice sessions at GP surgeries');
      await note.waitFor();
      expect(await note.innerText()).toContain('Green');
      expect((await focusedNow())?.name, 'after adding, focus is back on the lane’s Add a note').toBe(addButtonName);
      const noteKey = await note.getAttribute('data-note-key');
      const card = page.locator(`[data-note-key="${noteKey}"]`);
      await card.and(page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });

      // Edit: Tab to the note's "Options", Enter, Tab to "Edit your note", Enter, replace the text, Tab to "Save note", Enter.
      await keys.tabTo('Options for your note', 'to Options');
      await keys.press('Enter', 'open the note’s options');
      await keys.tabTo('Edit your note', 'to Edit');
      await keys.press('Enter', 'open the edit form');
      expect((await focusedNow())?.name).toBe('Your idea');
      await keys.press('Control+A', 'select the old text');
      await keys.type('Drop-in advice sessions at GP surgeries and libraries', 'write the new text');
      await keys.tabTo('Save note', 'to Save note');
      await keys.press('Enter', 'save the note');
      await card.locator('.note__text', { hasText: 'Drop-in advice sessions at GP surgeries and libraries' }).waitFor();
      expect((await focusedNow())?.name, 'after saving, focus is back on the note’s Options').toBe('Options for your note');
      await card.and(page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await notesWithText(officer.page.getByTestId(firstLane), 'Drop-in advice sessions at GP surgeries and libraries').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // Move: open Options (focus is on it), Tab to "Move to…", type the stage's name to choose it, Tab to "Move note", Enter.
      await keys.press('Enter', 'open the note’s options');
      await keys.tabTo('Move to…', 'to the Move to… select');
      await keys.type(lastStage.title.slice(0, 6), 'choose the last stage');
      expect(await card.getByLabel('Move to…').evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(lastStage.title);
      await keys.tabTo('Move note', 'to Move note');
      await keys.press('Enter', 'move the note');
      const moved = page.getByTestId(lastLane).locator(`[data-note-key="${noteKey}"]`);
      await moved.waitFor();
      expect(await page.getByTestId(firstLane).getByTestId('note').count(), 'the note left the first stage').toBe(0);
      expect(await moved.evaluate((element) => element === document.activeElement), 'after moving, focus is on the note in its new stage').toBe(true);
      await moved.and(page.locator('[data-note-state="published"]')).waitFor({ timeout: SYNC_TIMEOUT_MS });
      await notesWithText(officer.page.getByTestId(lastLane), 'Drop-in advice sessions at GP surgeries and libraries').waitFor({ timeout: SYNC_TIMEOUT_MS });

      // Delete: Tab to the note's "Options", Enter, Tab to "Delete note", Space.
      await keys.tabTo('Options for your note', 'to Options');
      await keys.press('Enter', 'open the note’s options');
      await keys.tabTo('Delete note', 'to Delete note');
      const afterDelete = await keys.press('Space', 'delete the note');
      await moved.waitFor({ state: 'detached' });
      // What a sighted keyboard user sees just after deleting (where is focus?).
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'wall-keyboard-after-delete-desktop.png') });
      expect(afterDelete, 'after deleting, focus stays in the lane').not.toBeNull();
      await officer.page.getByTestId(lastLane).getByTestId('note').first().waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });

      // Focus goes to "Undo" at the bottom of the screen (issue 14), a control the person can see and use next.
      expect((await focusedNow())?.name).toBe('Undo delete note');
      await keys.press('Shift+Tab', 'back one');

      expect(keys.invisible, 'every key press leaves focus somewhere visible').toEqual([]);
      expect(errors.list()).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
