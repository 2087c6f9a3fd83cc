/**
 * The app on PostgreSQL (issue 11, first step): `DATABASE_URL` makes `node dist/server/main.js` keep
 * everything in PostgreSQL instead of the SQLite file. Run as a process, like `npm start`: an officer sets
 * up, a board fills with notes from several suppliers, the process is SIGKILLed in the middle of a burst,
 * and the restarted process (same database, an empty data folder) shows every note anyone had seen, then
 * every note the devices still held. A database that cannot be reached stops the start with one plain line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem, readProblems } from '../../shared/schema/problems.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { freePort, startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { newBrowserClient, tokenFromUrl } from '../helpers/http.js';
import { Disposables, connectDevice, personIdOf, rooms } from '../helpers/liveBoard.js';
import { waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { FIRST_OFFICER, createBoard, expectStatus, joinBoard } from './scenario.js';

const SUPPLIERS = 6;
/** Every instance signs sessions with the same secret (the data folder's development secret is not shared). */
const SESSION_SECRET = 'postgres-test-secret-0123456789abcdef0123';
const NOTES_EACH = 4;
let database: TestDatabase;
const open = new Disposables();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});
afterEach(async () => {
  await open.disposeAll();
});

/** The app on the test database, each start with a new empty data folder: nothing may come from the disk. */
async function startOnPostgres(): Promise<AppProcess> {
  ensureBuiltServer();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oiw-pg-app-'));
  open.add(dataDir, (dir) => rmSync(dir, { recursive: true, force: true }));
  const app = await startAppProcess({ dataDir, env: { DATABASE_URL: database.url, SESSION_SECRET, SEED_DEMO: 'false' } });
  open.add(app, (running) => running.kill());
  return app;
}

describe('[#11] the app on PostgreSQL', () => {
  it('keeps every note anyone saw through a SIGKILL, and every note the devices held after it', async () => {
    let app = await startOnPostgres();
    const setupUrl = app.setupUrl();
    if (!setupUrl) throw new Error(`The app printed no set-up link:\n${app.output()}`);
    const officer = await newBrowserClient(app.url);
    expectStatus(await officer.post(`/api/setup/${tokenFromUrl(setupUrl)}`, FIRST_OFFICER), 201);
    const { board, participantLink } = await createBoard(officer);
    const suppliers = await Promise.all(
      Array.from({ length: SUPPLIERS }, async (_, index) => {
        const client = await joinBoard(app.url, participantLink, { name: `Supplier ${index}`, organisation: `Company ${index}` });
        return { client, index, personId: await personIdOf(client, board.id), draftDoc: new Y.Doc(), wallDoc: new Y.Doc(), live: [] as LiveProvider[] };
      }),
    );
    const brief = await connectDevice(app.url, rooms.brief(board.id), officer);
    const problemId = addProblem(brief.doc, { title: 'Bins missed on narrow streets' });
    const check = await connectDevice(app.url, rooms.brief(board.id), suppliers[0]!.client);
    await waitFor(() => readProblems(check.doc).length === 1, { what: 'the problem stored and broadcast' });
    brief.destroy();
    check.destroy();

    const connectAll = async (url: string) => {
      for (const supplier of suppliers) {
        supplier.live = [
          await connectDevice(url, rooms.draft(board.id, supplier.personId), supplier.client, { doc: supplier.draftDoc, timeoutMs: 10_000 }),
          await connectDevice(url, rooms.wall(board.id), supplier.client, { doc: supplier.wallDoc, timeoutMs: 10_000 }),
        ];
      }
    };
    const disconnectAll = () => suppliers.forEach((supplier) => supplier.live.forEach((live) => live.destroy()));
    open.add(null, disconnectAll);
    await connectAll(app.url);

    const burst = Promise.all(
      suppliers.flatMap((supplier) =>
        Array.from(
          { length: NOTES_EACH },
          (_, note) =>
            new Promise<void>((resolve) =>
              setTimeout(() => {
                addDraftNote(supplier.draftDoc, { text: `S${supplier.index} note ${note}`, colour: 'yellow', targetId: problemId });
                resolve();
              }, note * 60 + supplier.index * 7),
            ),
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    await app.kill();
    await burst;
    const textsOn = (doc: Y.Doc) => [...readWallNotes(doc).values()].map((note) => note.text);
    const seen = new Set(suppliers.flatMap((supplier) => textsOn(supplier.wallDoc)));
    disconnectAll();

    app = await startOnPostgres();
    expect(app.setupUrl(), 'the restarted app found the officer in PostgreSQL').toBeNull();
    const restarted = app;
    const reader = await connectDevice(app.url, rooms.wall(board.id), officer, { timeoutMs: 10_000 }).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${restarted.output()}`);
    });
    open.add(reader, (live) => live.destroy());
    const afterRestart = new Set(textsOn(reader.doc));
    expect([...seen].filter((text) => !afterRestart.has(text)), 'seen before the kill, missing after').toEqual([]);
    await connectAll(app.url);
    await waitFor(() => readWallNotes(reader.doc).size === SUPPLIERS * NOTES_EACH, { what: 'every note the devices held', timeoutMs: 15_000 });
    const onWall = textsOn(reader.doc);
    expect(new Set(onWall).size).toBe(onWall.length);
  }, 120_000);

  it('refuses to start, in one line, when the database cannot be reached', async () => {
    ensureBuiltServer();
    const unusedPort = await freePort();
    const attempt = startAppProcess({ env: { DATABASE_URL: `postgres://postgres:secret-password@127.0.0.1:${unusedPort}/nothing`, SESSION_SECRET, SEED_DEMO: 'false' } });
    const error = await attempt.then(
      () => null,
      (failure: unknown) => String(failure),
    );
    expect(error).toContain('Open Ideas Wall could not start: the PostgreSQL database cannot be used: the database server refused the connection (ECONNREFUSED)');
    expect(error).not.toContain('secret-password');
    const withoutSecret = await startAppProcess({ env: { DATABASE_URL: database.url, SEED_DEMO: 'false' } }).then(
      () => null,
      (failure: unknown) => String(failure),
    );
    expect(withoutSecret).toContain('SESSION_SECRET must be set');
    // Redis that cannot be reached stops the start the same way, without printing its password.
    const redisPort = await freePort();
    const withoutRedis = await startAppProcess({
      env: { DATABASE_URL: database.url, SESSION_SECRET, REDIS_URL: `redis://:redis-secret@127.0.0.1:${redisPort}`, SEED_DEMO: 'false' },
    }).then(
      () => null,
      (failure: unknown) => String(failure),
    );
    expect(withoutRedis).toMatch(/Open Ideas Wall could not start: Redis \(REDIS_URL\) (cannot be used|did not answer)/);
    expect(withoutRedis).not.toContain('redis-secret');
  }, 60_000);
});
