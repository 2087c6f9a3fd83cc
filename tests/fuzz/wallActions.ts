/**
 * The actions of the seeded property test (tests/fuzz/property.test.ts), as plain data, and their
 * fast-check generators. Picks are natural numbers the runner reduces modulo what exists at that moment
 * (people, devices, notes, targets), so any generated list runs, and a shrunk list still means something.
 *
 * People are numbered: 0 the officer, 1…n the suppliers, n+1 the observer.
 */
import fc from 'fast-check';

/** Text of a note an honest author types (or, for 'over-long', writes into their own draft directly). */
export type TextKind = 'normal' | 'empty' | 'spaces' | 'multiline' | 'at-limit' | 'over-long';
/** Which document of a device a disconnect or reconnect acts on ('reader' is an officer's copy of a supplier's draft). */
export type DocumentSlot = 'brief' | 'wall' | 'draft' | 'reader';

export type HonestAction =
  | { kind: 'add-problem'; device: number }
  | { kind: 'add-service-map'; device: number }
  | { kind: 'add-stage'; device: number; pick: number }
  | { kind: 'edit-problem-text'; device: number; pick: number; field: number; position: number; deleteCount: number }
  /** The officer removes a problem or a stage (notes aimed at it stay in drafts; the wall keeps what it showed). */
  | { kind: 'remove-target'; device: number; pick: number }
  | { kind: 'add-note'; author: number; device: number; target: number; text: TextKind; confidential: boolean; colour: number; unknownTarget: boolean }
  | { kind: 'edit-note'; author: number; device: number; pick: number; text: TextKind }
  | { kind: 'move-note'; author: number; device: number; pick: number; target: number }
  | { kind: 'recolour-note'; author: number; device: number; pick: number; colour: number }
  | { kind: 'toggle-visibility'; author: number; device: number; pick: number }
  | { kind: 'delete-note'; author: number; device: number; pick: number }
  | { kind: 'disconnect'; person: number; device: number; slot: DocumentSlot; pick: number }
  | { kind: 'reconnect'; pick: number }
  /** Offline: add a note; reconnect; edit it the moment the socket opens, before the handshake ends (the 4409 hazard). */
  | { kind: 'type-while-reconnecting'; author: number; device: number; target: number }
  | { kind: 'pause'; ms: number };

/**
 * Hostile actions. Each writes a unique marker text where it can, and is checked afterwards: the marker
 * and the attacker's client id appear nowhere they may not, and the connection got its documented close.
 */
export const ATTACKS = [
  /** A raw client of a supplier or observer writes the brief (an edit made on a copy of the server's brief). */
  'raw-write-brief',
  /** A raw client of anyone writes the wall. */
  'raw-write-wall',
  /** A raw client writes someone else's draft (the officer may read it; others may not even open it). */
  'raw-write-other-draft',
  /** A stock brief provider of a supplier or observer whose local copy was edited (sent live or on reconnect). */
  'poison-brief',
  /** A stock wall provider whose local copy was edited. */
  'poison-wall',
  /** The officer's stock provider on a supplier's draft, edited locally. */
  'poison-other-draft',
  /** A note in the attacker's own draft carrying `author: <someone else>`. */
  'forged-author',
  /**
   * Junk in the attacker's own draft, by variant: wall-like records (a `people` root, a note keyed
   * `<victim>:<id>`, a plain-object note); a note whose text is a Y.Text and one with a `__proto__` field;
   * NaN times, colours that are CSS, bidi-override text; shared types nested 20 deep inside a note.
   */
  'wall-like-draft',
  /** A note in the attacker's own draft reusing the note id of someone else's published note. */
  'same-note-id',
  /** V2-encoded update bytes sent as a V1 update. */
  'v2-bytes',
  /** A valid message cut short. */
  'truncated-frame',
] as const;
export type Attack = (typeof ATTACKS)[number];

export interface HostileAction {
  kind: 'attack';
  attack: Attack;
  actor: number;
  victim: number;
  variant: number;
  /** Send the write as a sync step 2 rather than an update message. */
  asSyncStep2: boolean;
}

export type WallAction = HonestAction | HostileAction;

export interface ScenarioSpec {
  supplierCount: number;
  /** Which people (by number, see above) open a second device: same cookie, separate Y.Docs. */
  secondDevice: boolean[];
  actions: WallAction[];
}

const pick = fc.nat({ max: 1_000 });
const device = fc.nat({ max: 1 });
const textKind = fc.constantFrom<TextKind>('normal', 'normal', 'normal', 'empty', 'spaces', 'multiline', 'at-limit', 'over-long');

const honestAction: fc.Arbitrary<HonestAction> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add-problem' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add-service-map' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add-stage' as const), device, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-target' as const), device, pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit-problem-text' as const),
      device,
      pick,
      field: fc.nat({ max: 3 }),
      position: pick,
      deleteCount: fc.oneof(fc.constant(0), fc.nat({ max: 6 })),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('add-note' as const),
      author: pick,
      device,
      target: pick,
      text: textKind,
      confidential: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      colour: fc.nat({ max: 4 }),
      unknownTarget: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit-note' as const), author: pick, device, pick, text: textKind }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move-note' as const), author: pick, device, pick, target: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recolour-note' as const), author: pick, device, pick, colour: fc.nat({ max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('toggle-visibility' as const), author: pick, device, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete-note' as const), author: pick, device, pick }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('disconnect' as const),
      person: pick,
      device,
      slot: fc.constantFrom<DocumentSlot>('brief', 'wall', 'draft', 'reader'),
      pick,
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('type-while-reconnecting' as const), author: pick, device, target: pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.constantFrom(0, 10, 40, 120, 300) }) },
);

const hostileAction: fc.Arbitrary<HostileAction> = fc.record({
  kind: fc.constant('attack' as const),
  attack: fc.constantFrom(...ATTACKS),
  actor: pick,
  victim: pick,
  variant: fc.nat({ max: 7 }),
  asSyncStep2: fc.boolean(),
});

/** A scenario: 2–3 suppliers, some second devices, and 20–40 actions of which about a quarter are hostile. */
export function scenarioArbitrary(options: { minActions?: number; maxActions?: number } = {}): fc.Arbitrary<ScenarioSpec> {
  return fc.record({
    supplierCount: fc.integer({ min: 2, max: 3 }),
    secondDevice: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    actions: fc.array(fc.oneof({ weight: 3, arbitrary: honestAction }, { weight: 1, arbitrary: hostileAction }), {
      minLength: options.minActions ?? 20,
      maxLength: options.maxActions ?? 40,
    }),
  });
}
