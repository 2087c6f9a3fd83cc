/**
 * Seeded, structurally valid Yjs updates of every kind of content yjs encodes (for the frame fuzz test):
 * random roots (map, array, text, XML), nested shared types, JSON values including NaN and huge numbers,
 * binary, embeds and formats, subdocuments, deletions. Valid bytes reach the server's update checks and,
 * on the sender's own draft, the document and the publisher, which must take any of them calmly.
 */
import * as Y from 'yjs';
import type { Random } from './frameMutations.js';

const ROOT_NAMES = ['notes', 'people', 'problems', 'meta', 'serviceMaps', '__proto__', 'constructor', '', 'x'.repeat(300)];

function randomString(random: Random): string {
  switch (random.int(6)) {
    case 0:
      return '';
    case 1:
      return 'a'.repeat(random.int(2_000));
    case 2:
      return '\u202e\u0000<img src=x onerror=alert(1)>';
    case 3:
      return '\ud800 lone surrogate \udfff';
    case 4:
      return '💡'.repeat(1 + random.int(20));
    default:
      return `text ${random.int(1_000_000)}`;
  }
}

function randomJson(random: Random, depth: number): unknown {
  switch (random.int(depth > 3 ? 6 : 9)) {
    case 0:
      return random.pick([0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, -1e308, 2 ** 31]);
    case 1:
      return randomString(random);
    case 2:
      return random.next() < 0.5;
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return random.bytes(random.int(64));
    case 6:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: random.int(4) }, (_, index) => [random.pick(['text', 'author', '__proto__', `k${index}`]), randomJson(random, depth + 1)]));
  }
}

/** A value for a map or array slot: JSON, or a new shared type (nested up to a few levels), or a subdocument. */
function randomValue(random: Random, depth: number): unknown {
  const roll = random.int(10);
  if (depth > 4 || roll < 5) return randomJson(random, 0);
  if (roll === 5) return new Y.Map<unknown>();
  if (roll === 6) return new Y.Array<unknown>();
  if (roll === 7) return new Y.Text(randomString(random));
  if (roll === 8) return new Y.XmlElement(random.pick(['p', 'script', 'x']));
  return new Y.Doc({ guid: `sub-${random.int(1_000)}` });
}

/** Random edits of one shared type; new nested types get edited too, a few levels down. */
function editType(random: Random, type: Y.AbstractType<unknown>, depth: number): void {
  const steps = 1 + random.int(4);
  for (let step = 0; step < steps; step += 1) {
    if (type instanceof Y.Map) {
      const value = randomValue(random, depth);
      type.set(random.pick(['text', 'author', 'colour', 'targetId', 'createdAt', 'visibility', '__proto__', `k${random.int(5)}`]), value);
      if (value instanceof Y.AbstractType) editType(random, value as Y.AbstractType<unknown>, depth + 1);
      if (random.next() < 0.2 && type.size > 0) type.delete([...type.keys()][0]!);
    } else if (type instanceof Y.Array) {
      const value = randomValue(random, depth) ?? null; // yjs arrays cannot hold undefined
      type.insert(random.int(type.length + 1), [value]);
      if (value instanceof Y.AbstractType) editType(random, value as Y.AbstractType<unknown>, depth + 1);
      if (random.next() < 0.2 && type.length > 0) type.delete(0, 1);
    } else if (type instanceof Y.Text) {
      const at = random.int(type.length + 1);
      if (random.next() < 0.2) type.insertEmbed(at, { image: randomString(random) });
      else type.insert(at, randomString(random), random.next() < 0.3 ? { bold: true, href: 'javascript:alert(1)' } : undefined);
      if (random.next() < 0.3 && type.length > 1) type.format(0, 1, { italic: random.next() < 0.5 ? true : null });
      if (random.next() < 0.2 && type.length > 0) type.delete(0, 1);
    } else if (type instanceof Y.XmlFragment) {
      const child = random.next() < 0.5 ? new Y.XmlText(randomString(random)) : new Y.XmlElement('div');
      type.insert(0, [child]);
      if (child instanceof Y.XmlElement) child.setAttribute('onclick', 'alert(1)');
    }
  }
}

/** A fresh document with random content under random roots, as one V1 update. */
export function randomValidUpdate(random: Random): Uint8Array {
  const doc = new Y.Doc();
  const roots = 1 + random.int(3);
  for (let index = 0; index < roots; index += 1) {
    const name = random.pick(ROOT_NAMES);
    const kind = random.int(4);
    // A root name already used with another type would throw in yjs: one name, one kind per document.
    const existing = doc.share.get(name);
    const type: Y.AbstractType<unknown> = existing
      ? (existing as Y.AbstractType<unknown>)
      : kind === 0 || name === 'notes'
        ? (doc.getMap(name) as Y.AbstractType<unknown>)
        : kind === 1
          ? (doc.getArray(name) as Y.AbstractType<unknown>)
          : kind === 2
            ? (doc.getText(name) as Y.AbstractType<unknown>)
            : (doc.getXmlFragment(name) as Y.AbstractType<unknown>);
    doc.transact(() => editType(random, type, 0));
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
