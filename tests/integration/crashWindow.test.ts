/**
 * Persist before broadcast, tested where it can fail ("Tests that could not fail", THREATS.md G): the real
 * server on a store whose commits take 200 ms longer (tests/helpers/slowStoreServer.ts) is killed with
 * SIGKILL at the instant a reader receives an edit. A server that sent edits before committing them would
 * lose exactly those: the reader saw them, the restarted server has not got them.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { addProblem, readProblems } from '../../shared/schema/problems.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { newBrowserClient, tokenFromUrl } from '../helpers/http.js';
import { Disposables, connectDevice, rooms } from '../helpers/liveBoard.js';
import { waitFor } from '../helpers/liveClients.js';
import { createBoard, expectStatus, FIRST_OFFICER, joinBoard } from './scenario.js';

const SLOW_SERVER = 'tests/helpers/slowStoreServer.ts';
const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

async function slowServer(options: { dataDir?: string; port?: number; sessionSecret: string }): Promise<AppProcess> {
  return startAppProcess({
    entry: SLOW_SERVER,
    dataDir: options.dataDir,
    port: options.port,
    env: { SESSION_SECRET: options.sessionSecret, SEED_DEMO: 'false', SLOW_APPEND_MS: '200' },
  });
}

describe('[#10.tcnf] a crash inside the commit window', () => {
  it('[#10.tcnf] SIGKILL the moment a reader receives an edit: after restart the server has every edit any reader received', async () => {
    const sessionSecret = randomBytes(32).toString('base64url');
    const first = open.add(await slowServer({ sessionSecret }), (app) => app.remove());
    const officer = await newBrowserClient(first.url);
    expectStatus(await officer.post(`/api/setup/${tokenFromUrl(first.setupUrl() ?? '')}`, FIRST_OFFICER), 201);
    const { board, participantLink } = await createBoard(officer);
    const supplier = await joinBoard(first.url, participantLink);

    const writer = await connectDevice(first.url, rooms.brief(board.id), officer);
    const reader = await connectDevice(first.url, rooms.brief(board.id), supplier);
    let seenAtKill: string[] | null = null;
    let written = 0;
    // Kill from inside the reader's update handler: nothing the server sends after this reaches anyone,
    // and whatever the reader holds now is what "received" means.
    reader.doc.on('update', () => {
      const seen = readProblems(reader.doc).map((problem) => problem.title);
      if (seenAtKill || seen.length < 5) return;
      seenAtKill = seen;
      first.child.kill('SIGKILL');
    });
    const typing = setInterval(() => {
      if (seenAtKill) return;
      written += 1;
      addProblem(writer.doc, { title: `Problem ${written}` });
    }, 20);
    try {
      await waitFor(() => seenAtKill !== null, { timeoutMs: 20_000, what: 'the reader received five edits' });
    } finally {
      clearInterval(typing);
      // Before anything reconnects: a provider would hand its copy back to the restarted server and hide a loss.
      writer.destroy();
      reader.destroy();
    }
    await first.kill();

    const second = open.add(await slowServer({ dataDir: first.dataDir, port: first.port, sessionSecret }), (app) => app.kill());
    const returning = await newBrowserClient(second.url, officer.cookies());
    const check = open.add(await connectDevice(second.url, rooms.brief(board.id), returning), (live) => live.destroy());
    const stored = new Set(readProblems(check.doc).map((problem) => problem.title));
    const lost = seenAtKill!.filter((title) => !stored.has(title)); // reason: as above

    expect(lost, `received by a reader but gone after the restart (of ${seenAtKill!.length} seen, ${stored.size} stored)`).toEqual([]); // reason: as above
    // And the kill did land inside a window: edits the writer had sent were still committing, unseen.
    expect(written).toBeGreaterThan(seenAtKill!.length); // reason: as above
  }, 60_000);
});
