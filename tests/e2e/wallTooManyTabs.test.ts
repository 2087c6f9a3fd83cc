/**
 * Issue 10 item 6, in real Chromium: one session may hold MAX_CONNECTIONS_PER_SESSION live connections. A
 * tab opened past that is told plainly what is wrong ("open in too many tabs"), passes axe at both sizes,
 * and connects by itself once other tabs close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS_PER_SESSION } from '../../shared/limits.js';
import { startAppProcess } from '../helpers/appProcess.js';
import { describeViolations, launchBrowser, screenshotBothSizes, seriousAxeViolations } from '../helpers/browser.js';
import { Disposables, rooms } from '../helpers/liveBoard.js';
import { connectRaw, type RawClient } from '../helpers/liveClients.js';
import { SUPPLIER_A, SYNC_TIMEOUT_MS, createBoardByApi, joinByApi, openActor, setUpOfficerByApi, waitForWallOnline } from './wallSteps.js';

const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

describe('[#10.6] a board open in too many tabs', () => {
  it('[#10.6] the tab past the cap says so, and connects by itself once other tabs close', async () => {
    const [browser, app] = await Promise.all([launchBrowser(), startAppProcess({ env: { SEED_DEMO: 'false' } })]);
    open.add(app, (running) => running.remove());
    open.add(browser, (running) => running.close());
    const officer = await setUpOfficerByApi(app);
    const { board, participantLink } = await createBoardByApi(officer, 'Many tabs board');
    const supplierClient = await joinByApi(app.url, participantLink, SUPPLIER_A);

    // Other "tabs" of the same session hold all but one connection; the page needs four (brief, wall, draft, events).
    const otherTabs: RawClient[] = [];
    for (let index = 0; index < MAX_CONNECTIONS_PER_SESSION - 1; index += 1) {
      otherTabs.push(open.add(await connectRaw(app.url, rooms.brief(board.id), supplierClient), (raw) => raw.close()));
    }
    const supplier = await openActor(browser, supplierClient);
    await supplier.page.goto(`${app.url}/boards/${encodeURIComponent(board.id)}`);
    const alert = supplier.page.getByTestId('too-many-tabs');
    await alert.waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await alert.innerText()).toContain('This board is open in too many tabs');
    expect(describeViolations(await seriousAxeViolations(supplier.page))).toEqual('');
    await screenshotBothSizes(supplier.page, 'wall-too-many-tabs');

    // Closing the other tabs frees the connections: the page reconnects on its own and the message goes.
    for (const tab of otherTabs) tab.close();
    await waitForWallOnline(supplier.page, 30_000);
    await alert.waitFor({ state: 'detached', timeout: SYNC_TIMEOUT_MS });
  }, 90_000);
});
