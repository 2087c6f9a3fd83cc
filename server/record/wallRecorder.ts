/**
 * Records what the publisher put on (or took off) the wall: notes, comments and tallies. The wall is written
 * by the server only (the publisher's tick, and its re-decisions after moderation), so every change to it
 * is an accepted change; watching the wall's transactions records each one exactly once, whichever code
 * path made it, without a hook in every path. Moderation and phase changes are recorded by the store with
 * their audit (see recordLogPort.ts), because only the audit knows the officer.
 *
 * Entries carry what the wall shows (ids, text, colour, target, counts) and never a name (the wall's
 * `people` root is not recorded: anonymous mode removes names, and the log must not keep them).
 * Runs in yjs's 'afterTransaction', which fires before the 'update' that the wall stores and broadcasts.
 */
import * as Y from 'yjs';
import { WALL_ROOTS } from '../../shared/schema/roots.js';
import { decodeWallNote, type WallRecordContext } from '../../shared/schema/wallNoteRecord.js';
import { readWallRecordContext } from '../../shared/schema/wall.js';
import type { UpdateOrigin } from '../rooms/SharedDocument.js';
import type { RecordEntryInput, RecordWho } from './recordEntry.js';

export interface WallRecorderDeps {
  /** The role of a person on this board when known (the publisher looked them up before writing). */
  roleOf(personId: string): 'officer' | 'participant' | undefined;
  append(entries: RecordEntryInput[]): void;
  now(): number;
}

type Fields = Record<string, unknown>;

/** What each recorded root contributes: the fields recorded, and who made the change. */
const ROOTS = {
  [WALL_ROOTS.notes]: { noun: 'note', fields: (value: Fields) => ({ text: value.text, colour: value.colour, target: value.targetId }) },
  [WALL_ROOTS.comments]: { noun: 'comment', fields: (value: Fields) => ({ note: value.noteKey, text: value.text }) },
  [WALL_ROOTS.tallies]: {
    noun: 'tally',
    fields: (value: Fields) => ({ votes: value.votes ?? 0, plusOne: value.plusOne ?? 0, question: value.question ?? 0, doneThis: value.doneThis ?? 0 }),
  },
} as const;
type RecordedRoot = keyof typeof ROOTS;

function plain(value: unknown): Fields | null {
  if (value instanceof Y.Map) return value.toJSON() as Fields;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
}

/**
 * A stored value as the fields recorded: a note through the wall's own reader (compact records since wall
 * schema version 3, the object records of older walls), so the log says what readers see.
 */
function fieldsOf(context: () => WallRecordContext, root: RecordedRoot, key: string, value: unknown): Fields | null {
  if (root !== WALL_ROOTS.notes) return plain(value);
  const note = decodeWallNote(key, value, context());
  return note ? { ...note } : null;
}

/** The wall's record context, read on first use and then kept: once per read of the wall, not once per note. */
function contextOnce(wall: Y.Doc): () => WallRecordContext {
  let context: WallRecordContext | null = null;
  return () => (context ??= readWallRecordContext(wall));
}

/** Starts recording; returns the function that stops. */
export function recordWallChanges(wall: Y.Doc, deps: WallRecorderDeps): () => void {
  // What each key last recorded said, so a rewrite of the same content (a republished note with a new
  // `updatedAt` only, a tally written again unchanged) is not an entry. Read from the wall as its first
  // change starts ('beforeTransaction': the wall as it was), not at load: reading 2,000 notes took ~10 ms
  // that the join which loaded the board waited for (issue 15, cold join).
  const known = new Map<RecordedRoot, Map<string, string>>();
  const readKnown = () => {
    wall.off('beforeTransaction', readKnown);
    const loaded = contextOnce(wall);
    for (const root of Object.keys(ROOTS) as RecordedRoot[]) {
      const seen = new Map<string, string>();
      wall.getMap<unknown>(root).forEach((value, key) => {
        const fields = fieldsOf(loaded, root, key, value);
        if (fields) seen.set(key, JSON.stringify(ROOTS[root].fields(fields)));
      });
      known.set(root, seen);
    }
  };
  wall.on('beforeTransaction', readKnown);

  const whoOf = (root: RecordedRoot, key: string, value: Fields | null): RecordWho => {
    if (root === WALL_ROOTS.tallies) return { id: 'server', role: 'server' };
    const author = typeof value?.author === 'string' ? value.author : (key.split(':')[0] ?? key);
    return { id: author, role: deps.roleOf(author) ?? 'participant' };
  };

  const onTransaction = (transaction: Y.Transaction) => {
    const origin = transaction.origin as UpdateOrigin | null;
    if (origin?.source === 'load') return;
    const entries: RecordEntryInput[] = [];
    const at = deps.now();
    const context = contextOnce(wall);
    for (const root of Object.keys(ROOTS) as RecordedRoot[]) {
      const map = wall.getMap<unknown>(root);
      const keys = transaction.changed.get(map as unknown as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>);
      if (!keys) continue;
      const seen = known.get(root)!; // reason: filled for every root as the first transaction started (readKnown)
      for (const key of [...keys].filter((name): name is string => typeof name === 'string').sort()) {
        const value = fieldsOf(context, root, key, map.get(key));
        const before = seen.get(key);
        const { noun, fields } = ROOTS[root];
        if (!value) {
          if (before === undefined) continue;
          seen.delete(key);
          entries.push({ at, who: whoOf(root, key, null), kind: noun === 'tally' ? 'tally.changed' : `${noun}.unpublished`, data: noun === 'tally' ? { key, ...fields({}) } : { key } });
          continue;
        }
        const text = JSON.stringify(fields(value));
        if (text === before) continue;
        seen.set(key, text);
        const kind = noun === 'tally' ? 'tally.changed' : `${noun}.${before === undefined ? 'published' : 'edited'}`;
        entries.push({ at, who: whoOf(root, key, value), kind, data: { key, ...fields(value) } });
      }
    }
    // Changes from the board's stream were recorded by the instance that made them (issue 11); they are
    // still read above, so this instance knows the wall as it is if it becomes the publisher.
    if (entries.length > 0 && origin?.source !== 'bus') deps.append(entries);
  };
  wall.on('afterTransaction', onTransaction);
  return () => {
    wall.off('beforeTransaction', readKnown);
    wall.off('afterTransaction', onTransaction);
  };
}
