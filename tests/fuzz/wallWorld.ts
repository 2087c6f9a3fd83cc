/**
 * The world one run of the property test plays in: a fresh board on a shared test server, its people and
 * their devices (stock providers), the server's room, and a model of what honest people did. The actions
 * (wallHonest.ts, wallAttacks.ts) change it; the checks (wallChecks.ts) compare it with the server.
 */
import type * as Y from 'yjs';
import type { BoardRoom } from '../../server/rooms/BoardRoom.js';
import type { BrowserClient } from '../helpers/http.js';
import { Disposables, connectDevice, personIdOf, rooms } from '../helpers/liveBoard.js';
import { waitFor, type LiveProvider } from '../helpers/liveClients.js';
import { readBrief, targetIdsOf } from '../../shared/schema/brief.js';
import { addProblem } from '../../shared/schema/problems.js';
import { addServiceMap, addStage } from '../../shared/schema/serviceMaps.js';
import type { TestServer } from '../helpers/startServer.js';
import { createBoard, createInviteLink, joinBoard } from '../integration/scenario.js';
import type { Attack, ScenarioSpec } from './wallActions.js';

export type Role = 'officer' | 'supplier' | 'observer';

/** Which server document a copy is a copy of: 'brief', 'wall' or 'draft:<personId>'. */
export type DocumentKey = 'brief' | 'wall' | `draft:${string}`;

/** One stock provider on one room. `live` is replaced when the copy had to be dropped (after a hostile edit). */
export interface Slot {
  live: LiveProvider;
  room: string;
  key: DocumentKey;
  owner: Person;
}

export interface Device {
  brief: Slot;
  wall: Slot;
  /** The person's own draft; observers have none. */
  draft: Slot | null;
  /** The officer's read-only copies of suppliers' drafts, by supplier person id (first officer device only). */
  readers: Map<string, Slot>;
}

export interface Person {
  index: number;
  role: Role;
  client: BrowserClient;
  personId: string;
  name: string;
  organisation: string;
  devices: Device[];
}

/** What one hostile action did and what it must leave behind. */
export interface HostileRecord {
  actionIndex: number;
  attack: Attack;
  actor: Person;
  marker: string;
  description: string;
  /** Client ids of the attacker's documents that must never reach these server documents. */
  forbiddenClients: Array<{ key: DocumentKey | 'anywhere'; clientId: number }>;
  /** Close codes the attacker's connection may end with; 'open' means it must be kept open (an allowed write). */
  expected: Array<number | 'open'>;
  /** How the attacker's connection ended, once known. */
  outcome: Promise<number | 'open' | 'skipped'>;
  /** The draft (person id) where the marker may stay: the attacker's own, for attacks on their own draft. */
  markerAllowedInDraftOf: string | null;
  /** The marker may be on the wall only under this person's wall keys (a note in their own draft). */
  markerAllowedOnWallUnder: string | null;
  /**
   * What a pure deletion deleted. If honest people removed it too (a race the attacker cannot see), the
   * deletion may carry nothing new by the time it arrives, and the connection may rightly stay open.
   */
  deleted: { kind: 'problem'; id: string } | { kind: 'wall-note'; key: string } | { kind: 'draft-note'; authorId: string; id: string } | null;
}

/** A stock provider whose local copy was edited by its hostile owner; it must end closed with 4403. */
export interface PoisonedProvider {
  record: HostileRecord;
  live: LiveProvider;
}

/** What honest people did, as far as the end state depends on it. */
export interface HonestModel {
  problems: Set<string>;
  serviceMaps: Set<string>;
  stages: Set<string>;
  /** Problems and stages the officer removed: notes aimed at them may keep the version the wall showed. */
  removedTargets: Set<string>;
  /** Note ids in each author's draft (added minus deleted), including the attacker's own-draft records. */
  notesByAuthor: Map<string, Set<string>>;
  /** Every text ever written into a note: an over-long note's wall version must be one of them. */
  textsEver: Set<string>;
  /** Publications left per author in this run, to stay under MAX_NOTES_PER_MINUTE (see wallHonest.ts). */
  publishBudget: Map<string, number>;
}

/** Publications an author may cause in one run: MAX_NOTES_PER_MINUTE is 10; two are left for concurrent merges. */
export const PUBLISH_BUDGET_PER_RUN = 8;

export interface World {
  server: TestServer;
  runId: number;
  boardId: string;
  room: BoardRoom;
  officer: Person;
  suppliers: Person[];
  observer: Person;
  people: Person[];
  /** Officer and suppliers: everyone with a draft. */
  authors: Person[];
  model: HonestModel;
  hostile: HostileRecord[];
  poisoned: PoisonedProvider[];
  /** Honest providers the test disconnected and has not reconnected yet. */
  disconnected: LiveProvider[];
  /** Everything opened during the run, closed at its end. */
  open: Disposables;
  /** What happened, one line per action, for the failure message. */
  log: string[];
  nextTag(): string;
}

/** The server document a key names. */
export async function serverDocument(world: World, key: DocumentKey): Promise<Y.Doc> {
  if (key === 'brief') return world.room.brief.doc;
  if (key === 'wall') return world.room.wall.doc;
  return (await world.room.openDraft(key.slice('draft:'.length))).doc;
}

export async function connectSlot(world: World, owner: Person, room: string, key: DocumentKey): Promise<Slot> {
  const live = world.open.add(await connectDevice(world.server.url, room, owner.client, { timeoutMs: 8_000 }), (item) => item.destroy());
  return { live, room, key, owner };
}

async function openDevice(world: World, person: Person): Promise<Device> {
  const { boardId } = world;
  const [brief, wall, draft] = await Promise.all([
    connectSlot(world, person, rooms.brief(boardId), 'brief'),
    connectSlot(world, person, rooms.wall(boardId), 'wall'),
    person.role === 'observer' ? Promise.resolve(null) : connectSlot(world, person, rooms.draft(boardId, person.personId), `draft:${person.personId}`),
  ]);
  return { brief, wall, draft, readers: new Map() };
}

/**
 * A fresh board with the officer, `spec.supplierCount` suppliers and an observer, each on one or two
 * devices; the officer's first device also reads every supplier's draft.
 */
export async function createWorld(server: TestServer, officerClient: BrowserClient, runId: number, spec: ScenarioSpec): Promise<World> {
  const { board, participantLink } = await createBoard(officerClient, {
    title: `Fuzz board ${runId}`,
    summary: 'Seeded property test',
    notice: 'Everything here is test data.',
  });
  const boardId = board.id;
  const person = async (index: number, role: Role, client: BrowserClient, name: string, organisation: string): Promise<Person> => ({
    index,
    role,
    client,
    personId: await personIdOf(client, boardId),
    name,
    organisation,
    devices: [],
  });
  const officer = await person(0, 'officer', officerClient, 'Priya Shah', 'Council officer');
  const suppliers: Person[] = [];
  for (let index = 1; index <= spec.supplierCount; index += 1) {
    const details = { name: `Supplier ${index} of run ${runId}`, organisation: `Supplier Company ${index} Ltd` };
    suppliers.push(await person(index, 'supplier', await joinBoard(server.url, participantLink, details), details.name, details.organisation));
  }
  const observerLink = await createInviteLink(officerClient, boardId, { role: 'observer' });
  const observerDetails = { name: `Observer of run ${runId}`, organisation: 'Audit Office' };
  const observer = await person(
    spec.supplierCount + 1,
    'observer',
    await joinBoard(server.url, observerLink, observerDetails),
    observerDetails.name,
    observerDetails.organisation,
  );
  const people = [officer, ...suppliers, observer];
  const room = await server.server.rooms.acquire(boardId);
  let tag = 0;
  const world: World = {
    server,
    runId,
    boardId,
    room,
    officer,
    suppliers,
    observer,
    people,
    authors: [officer, ...suppliers],
    model: {
      problems: new Set(),
      serviceMaps: new Set(),
      stages: new Set(),
      removedTargets: new Set(),
      notesByAuthor: new Map([officer, ...suppliers].map((author) => [author.personId, new Set<string>()])),
      textsEver: new Set(),
      publishBudget: new Map([officer, ...suppliers].map((author) => [author.personId, PUBLISH_BUDGET_PER_RUN])),
    },
    hostile: [],
    poisoned: [],
    disconnected: [],
    open: new Disposables(),
    log: [],
    nextTag: () => `r${runId}t${(tag += 1)}`,
  };
  world.open.add(room, (held) => server.server.rooms.release(held));
  for (const someone of people) {
    const deviceCount = spec.secondDevice[someone.index % spec.secondDevice.length] ? 2 : 1;
    for (let index = 0; index < deviceCount; index += 1) someone.devices.push(await openDevice(world, someone));
  }
  const firstOfficerDevice = officer.devices[0]!;
  for (const supplier of suppliers) {
    firstOfficerDevice.readers.set(
      supplier.personId,
      await connectSlot(world, officer, rooms.draft(boardId, supplier.personId), `draft:${supplier.personId}`),
    );
  }
  seedBrief(world);
  const targetCount = world.model.problems.size + world.model.stages.size;
  await waitFor(() => allSlots(world).every((slot) => slot.key !== 'brief' || targetIdsOf(readBrief(slot.live.doc)).size === targetCount), {
    timeoutMs: 8_000,
    what: 'the first problems and stage on every device',
  });
  return world;
}

/** The officer's first problems and stage, so that notes have something to aim at from the start. */
function seedBrief(world: World): void {
  const doc = world.officer.devices[0]!.brief.live.doc;
  for (const title of ['Repairs need second visits', 'Tenants cannot see progress']) world.model.problems.add(addProblem(doc, { title }));
  const mapId = addServiceMap(doc, { title: 'Reporting a repair' });
  world.model.serviceMaps.add(mapId);
  world.model.stages.add(addStage(doc, mapId, { title: 'Report' })!);
}

/** Every slot of every device, honest ones only (poisoned copies were moved out of their slots). */
export function allSlots(world: World): Slot[] {
  return world.people.flatMap((person) =>
    person.devices.flatMap((device) => [device.brief, device.wall, ...(device.draft ? [device.draft] : []), ...device.readers.values()]),
  );
}

/** `items[pick mod length]`, or undefined when there are none. */
export function choose<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}
