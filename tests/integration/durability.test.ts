/**
 * Durability (THREATS.md G, ARCHITECTURE.md "Durability and fan-out"): what anyone has seen, and every
 * note an author's device has handed over, survives a restart and a SIGKILL of the server process.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDraftNotes, addDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem, readProblems } from '../../shared/schema/problems.js';
import { DRAFT_ROOTS } from '../../shared/schema/roots.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.js';
import { ensureBuiltServer } from '../helpers/builtServer.js';
import { newBrowserClient, tokenFromUrl, type BrowserClient } from '../helpers/http.js';
import { Disposables, boardWithPeople, connectDevice, personIdOf, rooms, seededRandom } from '../helpers/liveBoard.js';
import { waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer } from '../helpers/startServer.js';
import { FIRST_OFFICER, createBoard, expectStatus, joinBoard } from './scenario.js';

const open = new Disposables();

afterEach(async () => {
  await open.disposeAll();
});

describe('restarting the server', () => {
  it('shows every published note and the whole brief to a new client after a restart', async () => {
    const first = await startTestServer();
    // Deleted last, after the restarted server stopped; the providers of the first run close first.
    open.add(first, (server) => server.remove());
    const firstRun = new Disposables();
    open.add(firstRun, (providers) => providers.disposeAll());
    const board = await boardWithPeople(first, { supplierCount: 2 });
    const { boardId } = board;
    const brief = firstRun.add(await connectDevice(first.url, rooms.brief(boardId), board.officer.client), (live) => live.destroy());
    const problemId = addProblem(brief.doc, { title: 'Repairs need second visits', body: 'Tenants wait weeks.' });
    const texts: string[] = [];
    for (const supplier of board.suppliers) {
      const draft = firstRun.add(await connectDevice(first.url, rooms.draft(boardId, supplier.personId), supplier.client), (live) => live.destroy());
      for (let index = 0; index < 3; index += 1) {
        const text = `${supplier.name}, idea ${index}`;
        texts.push(text);
        addDraftNote(draft.doc, { text, colour: 'yellow', targetId: problemId });
      }
    }
    const wall = firstRun.add(await connectDevice(first.url, rooms.wall(boardId), board.officer.client), (live) => live.destroy());
    await waitFor(() => readWallNotes(wall.doc).size === texts.length, { what: 'every note published' });
    const wallBefore = wall.doc.getMap('notes').toJSON();
    await firstRun.disposeAll();
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    open.add(second, (server) => server.stop());
    const returning = await newBrowserClient(second.url, board.suppliers[0]!.client.cookies());
    const newWall = open.add(await connectDevice(second.url, rooms.wall(boardId), returning), (live) => live.destroy());
    const newBrief = open.add(await connectDevice(second.url, rooms.brief(boardId), returning), (live) => live.destroy());
    expect([...readWallNotes(newWall.doc).values()].map((note) => note.text).sort()).toEqual([...texts].sort());
    expect(newWall.doc.getMap('notes').toJSON()).toEqual(wallBefore);
    expect(readProblems(newBrief.doc)).toEqual([expect.objectContaining({ id: problemId, title: 'Repairs need second visits', body: 'Tenants wait weeks.' })]);
  });
});

describe('the server process killed in the middle of a burst of notes', () => {
  const SUPPLIERS = 20;
  const NOTES_PER_ROUND = 3;
  /** When to SIGKILL, in ms after the burst starts (the burst lasts about 400 ms). */
  const KILL_AFTER_MS = [280, 230, 340];

  interface Supplier {
    client: BrowserClient;
    personId: string;
    index: number;
    draftDoc: Y.Doc;
    wallDoc: Y.Doc;
    draft: LiveProvider | null;
    wall: LiveProvider | null;
  }

  it('loses nothing anyone saw and publishes every note the devices hold, exactly once', async () => {
    ensureBuiltServer();
    let app: AppProcess = await startAppProcess({ env: { SEED_DEMO: 'false', LOG_LEVEL: 'info' } });
    const dataDir = app.dataDir;
    open.add(dataDir, (dir) => rmSync(dir, { recursive: true, force: true }));
    open.add(null, () => app.kill());

    const setupUrl = app.setupUrl();
    if (!setupUrl) throw new Error(`The app printed no set-up link:\n${app.output()}`);
    const officer = await newBrowserClient(app.url);
    expectStatus(await officer.post(`/api/setup/${tokenFromUrl(setupUrl)}`, FIRST_OFFICER), 201);
    const { board, participantLink } = await createBoard(officer);
    const boardId = board.id;
    const suppliers: Supplier[] = [];
    for (let start = 0; start < SUPPLIERS; start += 5) {
      const joined = await Promise.all(
        Array.from({ length: Math.min(5, SUPPLIERS - start) }, async (_, offset) => {
          const index = start + offset;
          const client = await joinBoard(app.url, participantLink, { name: `Supplier ${index}`, organisation: `Company ${index}` });
          return { client, personId: await personIdOf(client, boardId), index, draftDoc: new Y.Doc(), wallDoc: new Y.Doc(), draft: null, wall: null };
        }),
      );
      suppliers.push(...joined);
    }
    for (const supplier of suppliers) {
      open.add(supplier, (entry) => {
        entry.draft?.provider.destroy();
        entry.wall?.provider.destroy();
        entry.draftDoc.destroy();
        entry.wallDoc.destroy();
      });
    }

    // The officer's problem, seen by a supplier's brief (so it is stored) before any kill.
    const officerBrief = await connectDevice(app.url, rooms.brief(boardId), officer);
    const problemId = addProblem(officerBrief.doc, { title: 'Repairs need second visits' });
    const check = await connectDevice(app.url, rooms.brief(boardId), suppliers[0]!.client);
    await waitFor(() => readProblems(check.doc).length === 1, { what: 'the problem stored and broadcast' });
    officerBrief.destroy();
    check.destroy();

    const connectAll = async (baseUrl: string) => {
      await Promise.all(
        suppliers.map(async (supplier) => {
          supplier.draft = await connectDevice(baseUrl, rooms.draft(boardId, supplier.personId), supplier.client, { doc: supplier.draftDoc, timeoutMs: 10_000 });
          supplier.wall = await connectDevice(baseUrl, rooms.wall(boardId), supplier.client, { doc: supplier.wallDoc, timeoutMs: 10_000 });
        }),
      );
    };
    const disconnectAll = () => {
      for (const supplier of suppliers) {
        supplier.draft?.provider.destroy();
        supplier.wall?.provider.destroy();
        supplier.draft = null;
        supplier.wall = null;
      }
    };
    const textsInDrafts = () =>
      suppliers.flatMap((supplier) => [...readDraftNotes(supplier.draftDoc).values()].flatMap((check) => (check.ok ? [check.note.text] : [])));
    const textsOn = (doc: Y.Doc) => [...readWallNotes(doc).values()].map((note) => note.text);

    await connectAll(app.url);
    const random = seededRandom(7_2024);
    for (const [round, killAfterMs] of KILL_AFTER_MS.entries()) {
      // Every supplier adds notes at moments spread over ~400 ms; the kill lands in the middle.
      const burstDone = Promise.all(
        suppliers.flatMap((supplier) =>
          Array.from({ length: NOTES_PER_ROUND }, (_, note) =>
            new Promise<void>((resolve) => {
              setTimeout(() => {
                addDraftNote(supplier.draftDoc, { text: `S${supplier.index} round ${round} note ${note}`, colour: 'yellow', targetId: problemId });
                resolve();
              }, Math.floor(random() * 400));
            }),
          ),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      await app.kill();
      await burstDone;
      // Whatever reached any client before the kill was sent by the server, so it was stored first.
      await waitFor(() => suppliers.every((supplier) => supplier.wall?.provider.wsconnected === false), { what: 'every client noticed the crash' });
      const seen = new Set(suppliers.flatMap((supplier) => textsOn(supplier.wallDoc)));
      const inDrafts = textsInDrafts();
      expect(inDrafts).toHaveLength(SUPPLIERS * NOTES_PER_ROUND * (round + 1));
      disconnectAll();

      app = await startAppProcess({ dataDir, env: { SEED_DEMO: 'false', LOG_LEVEL: 'info' } });
      // A fresh reader on the restarted server: everything anyone saw is there at once.
      const reader = await connectDevice(app.url, rooms.wall(boardId), officer, { timeoutMs: 10_000 });
      try {
        const afterRestart = new Set(textsOn(reader.doc));
        const lost = [...seen].filter((text) => !afterRestart.has(text));
        expect(lost, `round ${round}: notes seen before the kill but missing after the restart`).toEqual([]);
        // The devices come back with the same documents: their drafts hand over what the server never got.
        await connectAll(app.url);
        await waitFor(() => readWallNotes(reader.doc).size === inDrafts.length, {
          timeoutMs: 15_000,
          what: `round ${round}: all ${inDrafts.length} notes on the wall (now ${readWallNotes(reader.doc).size})`,
        });
        const onWall = textsOn(reader.doc);
        expect(onWall.sort()).toEqual([...inDrafts].sort());
        expect(new Set(onWall).size).toBe(onWall.length);
        // No device was refused: in particular no wall copy held anything the restarted server lacks.
        const refusals = suppliers.flatMap((supplier) => [...(supplier.draft?.closes ?? []), ...(supplier.wall?.closes ?? [])]);
        expect(refusals.filter((close) => close.code === 4403)).toEqual([]);
        await waitFor(() => suppliers.every((supplier) => readWallNotes(supplier.wallDoc).size === inDrafts.length), {
          timeoutMs: 10_000,
          what: 'every device sees the whole wall',
        });
      } finally {
        reader.destroy();
      }
      console.info(`round ${round}: killed after ${killAfterMs} ms; ${seen.size} notes had been seen, ${inDrafts.length} in drafts`);
    }
    for (const supplier of suppliers) expect(supplier.draftDoc.getMap(DRAFT_ROOTS.notes).size).toBe(NOTES_PER_ROUND * KILL_AFTER_MS.length);
  }, 90_000);
});
