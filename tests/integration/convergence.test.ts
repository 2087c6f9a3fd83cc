/**
 * Convergence the strong way (QUALITY.md): two officers and two suppliers, each on two devices (same
 * browser cookie, two Y.Docs), edit at once; afterwards every copy of every document and the server's
 * copy have identical state vectors and identical JSON in every root.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addDraftNote, deleteDraftNote, updateDraftNote } from '../../shared/schema/draftNotes.js';
import { addProblem, problemText } from '../../shared/schema/problems.js';
import { BRIEF_ROOTS, DRAFT_ROOTS, WALL_ROOTS } from '../../shared/schema/roots.js';
import { addServiceMap, addStage, readServiceMaps } from '../../shared/schema/serviceMaps.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import type { BrowserClient } from '../helpers/http.js';
import {
  Disposables,
  boardWithPeople,
  connectDevice,
  personIdOf,
  rooms,
  sameStateVector,
  seededRandom,
  stateVectorOf,
  withServerRoom,
  type Person,
} from '../helpers/liveBoard.js';
import { rootsJson, waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { startTestServer, type TestServer } from '../helpers/startServer.js';
import { inviteNewOfficer } from './scenario.js';

const BRIEF_ROOT_NAMES = Object.values(BRIEF_ROOTS);
const DRAFT_ROOT_NAMES = Object.values(DRAFT_ROOTS);
const WALL_ROOT_NAMES = Object.values(WALL_ROOTS);

interface Device {
  person: Person;
  brief: LiveProvider;
  wall: LiveProvider;
  draft: LiveProvider;
}

describe('many people on many devices editing at once', () => {
  let server: TestServer;
  const open = new Disposables();

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await open.disposeAll();
    await server.remove();
  });

  async function openDevice(person: Person, boardId: string): Promise<Device> {
    const connect = async (room: string) => open.add(await connectDevice(server.url, room, person.client), (live) => live.destroy());
    const [brief, wall, draft] = await Promise.all([
      connect(rooms.brief(boardId)),
      connect(rooms.wall(boardId)),
      connect(rooms.draft(boardId, person.personId)),
    ]);
    return { person, brief, wall, draft };
  }

  it('ends with every copy of the brief, the drafts and the wall identical to the server’s', async () => {
    const board = await boardWithPeople(server, { supplierCount: 2 });
    const { boardId } = board;
    const secondOfficerClient: BrowserClient = await inviteNewOfficer(server.url, board.officer.client, boardId, {
      name: 'Tom Reed',
      email: 'tom.reed@council.example.gov.uk',
      password: 'another long passphrase here',
    });
    const secondOfficer: Person = {
      client: secondOfficerClient,
      personId: await personIdOf(secondOfficerClient, boardId),
      name: 'Tom Reed',
      organisation: 'Council officer',
    };
    const officers = [board.officer, secondOfficer];
    const people = [...officers, ...board.suppliers];
    // Two devices per person: same cookie, separate Y.Docs.
    const devices = await Promise.all(people.flatMap((person) => [openDevice(person, boardId), openDevice(person, boardId)]));
    const officerDevices = devices.filter((device) => officers.includes(device.person));
    const supplierDevices = devices.filter((device) => board.suppliers.includes(device.person));
    // The first officer's first device also reads both suppliers' drafts (officers may read drafts).
    const officerDraftReaders = await Promise.all(
      board.suppliers.map(async (supplier) =>
        open.add(await connectDevice(server.url, rooms.draft(boardId, supplier.personId), board.officer.client), (live) => live.destroy()),
      ),
    );

    // The first officer writes a problem and a service map with one stage; everyone's brief gets them.
    const firstBrief = officerDevices[0]!.brief.doc;
    const problemId = addProblem(firstBrief, { title: 'Repairs need second visits', body: 'Tenants wait.' });
    const mapId = addServiceMap(firstBrief, { title: 'Reporting a repair' });
    const firstStageId = addStage(firstBrief, mapId, { title: 'Report' });
    expect(firstStageId).not.toBeNull();
    await waitFor(() => devices.every((device) => problemText(device.brief.doc, problemId, 'body')?.toString() === 'Tenants wait.'), {
      what: 'the problem on every device',
    });

    // Both officers, on both devices, type into the same body at once and add stages at once.
    const random = seededRandom(20240611);
    const typed: string[] = [];
    for (let round = 0; round < 12; round += 1) {
      officerDevices.forEach((device, deviceIndex) => {
        const body = problemText(device.brief.doc, problemId, 'body');
        if (!body) throw new Error('the problem body is missing on a device');
        // Deletes only what this device has seen: concurrent inserts of the others survive it.
        if (round === 0 && deviceIndex === 1) body.delete(0, 'Tenants'.length);
        const fragment = `[${deviceIndex}.${round}]`;
        typed.push(fragment);
        body.insert(positionBetweenFragments(body.toString(), random), fragment);
        if (round === 3) addStage(device.brief.doc, mapId, { title: `Stage from device ${deviceIndex}` });
      });
    }

    // Suppliers add notes from both devices at once.
    const notesByDevice = new Map<Device, string[]>();
    supplierDevices.forEach((device, index) => {
      const targetId = index % 2 === 0 ? problemId : firstStageId!;
      notesByDevice.set(device, [
        addDraftNote(device.draft.doc, { text: `First idea from device ${index}`, colour: 'yellow', targetId }),
        addDraftNote(device.draft.doc, { text: `Second idea from device ${index}`, colour: 'blue', targetId }),
      ]);
    });
    // Each supplier's two devices see each other's notes (through the server) ...
    for (const supplier of board.suppliers) {
      const mine = supplierDevices.filter((device) => device.person === supplier);
      await waitFor(() => mine.every((device) => device.draft.doc.getMap(DRAFT_ROOTS.notes).size === 4), {
        what: `${supplier.name}'s four notes on both devices`,
      });
      const [deviceA, deviceB] = mine as [Device, Device];
      const [fromA] = notesByDevice.get(deviceA)!;
      const [fromB, secondFromB] = notesByDevice.get(deviceB)!;
      // ... then both devices change the same note at once, and each edits or deletes the other's note.
      updateDraftNote(deviceA.draft.doc, fromA!, { text: 'Edited on device A' });
      updateDraftNote(deviceB.draft.doc, fromA!, { text: 'Edited on device B', colour: 'green' });
      updateDraftNote(deviceA.draft.doc, fromB!, { text: 'Device A changed device B’s note' });
      deleteDraftNote(deviceA.draft.doc, secondFromB!);
    }

    await withServerRoom(server, boardId, async (room) => {
      const serverDrafts = new Map<string, Y.Doc>();
      for (const person of people) serverDrafts.set(person.personId, (await room.openDraft(person.personId)).doc);
      const draftCopies = (personId: string): Y.Doc[] => [
        ...devices.filter((device) => device.person.personId === personId).map((device) => device.draft.doc),
        ...officerDraftReaders.filter((_, index) => board.suppliers[index]!.personId === personId).map((reader) => reader.doc),
      ];
      const expectedWallSize = () =>
        board.suppliers.reduce((total, supplier) => total + serverDrafts.get(supplier.personId)!.getMap(DRAFT_ROOTS.notes).size, 0);
      const allConverged = () =>
        devices.every((device) => sameStateVector(device.brief.doc, room.brief.doc) && sameStateVector(device.wall.doc, room.wall.doc)) &&
        people.every((person) => draftCopies(person.personId).every((copy) => sameStateVector(copy, serverDrafts.get(person.personId)!))) &&
        readWallNotes(room.wall.doc).size === expectedWallSize() &&
        [...readWallNotes(room.wall.doc).values()].every(
          (note) => serverDrafts.get(note.author)?.getMap<Y.Map<unknown>>(DRAFT_ROOTS.notes).get(note.noteId)?.get('text') === note.text,
        );
      await waitFor(allConverged, { timeoutMs: 10_000, what: 'every copy converged with the server' }).catch((error: unknown) => {
        const vectors = devices.map((device) => ({ person: device.person.name, brief: stateVectorOf(device.brief.doc) }));
        throw new Error(`${String(error)}\nserver brief ${JSON.stringify(stateVectorOf(room.brief.doc))}\n${JSON.stringify(vectors)}`);
      });

      // Identical JSON of every root, on every copy.
      const serverBrief = rootsJson(room.brief.doc, BRIEF_ROOT_NAMES);
      const serverWall = rootsJson(room.wall.doc, WALL_ROOT_NAMES);
      for (const device of devices) {
        expect(rootsJson(device.brief.doc, BRIEF_ROOT_NAMES)).toEqual(serverBrief);
        expect(rootsJson(device.wall.doc, WALL_ROOT_NAMES)).toEqual(serverWall);
      }
      for (const person of people) {
        const serverDraft = rootsJson(serverDrafts.get(person.personId)!, DRAFT_ROOT_NAMES);
        for (const copy of draftCopies(person.personId)) expect(rootsJson(copy, DRAFT_ROOT_NAMES)).toEqual(serverDraft);
      }

      // Nothing anyone typed was lost, and the stages of both officers' devices are all there.
      const body = problemText(room.brief.doc, problemId, 'body')!.toString();
      for (const fragment of typed) expect(body).toContain(fragment);
      expect(body.replace(/\[\d+\.\d+\]/g, '')).toBe(' wait.');
      expect(readServiceMaps(room.brief.doc)[0]?.stages).toHaveLength(1 + officerDevices.length);
      // The wall shows each supplier's three remaining notes, in their final versions.
      expect(readWallNotes(room.wall.doc).size).toBe(6);
      const wallTexts = [...readWallNotes(room.wall.doc).values()].map((note) => note.text);
      expect(wallTexts.filter((text) => text === 'Device A changed device B’s note')).toHaveLength(2);
      expect(wallTexts.filter((text) => text === 'Edited on device A' || text === 'Edited on device B')).toHaveLength(2);
    });

    // Nobody was refused along the way (a 4409 resync would be allowed: it costs one reconnect).
    const everyConnection = [...devices.flatMap((device) => [device.brief, device.wall, device.draft]), ...officerDraftReaders];
    expect(everyConnection.flatMap((live) => live.closes).filter((close) => close.code !== 4409)).toEqual([]);
  });
});

/** A random position in `text` that is not inside an earlier `[device.round]` fragment. */
function positionBetweenFragments(text: string, random: () => number): number {
  const positions: number[] = [];
  let depth = 0;
  for (let index = 0; index <= text.length; index += 1) {
    if (depth === 0) positions.push(index);
    if (text[index] === '[') depth += 1;
    if (text[index] === ']') depth -= 1;
  }
  return positions[Math.floor(random() * positions.length)] ?? text.length;
}
