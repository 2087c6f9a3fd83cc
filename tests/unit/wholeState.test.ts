/** The whole state kept between changes (server/rooms/WholeState.ts, issue 15 cold join). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isEmptyStateVector, WholeState } from '../../server/rooms/WholeState.js';

describe('[#15.cold] the whole state kept until the next change', () => {
  it('encodes once and gives the same bytes until forgotten, then the state as it is now', () => {
    const doc = new Y.Doc();
    doc.getMap('notes').set('a', 'first');
    const whole = new WholeState(doc);
    const first = whole.read();
    expect(whole.read()).toBe(first);
    doc.getMap('notes').set('b', 'second');
    whole.forget();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, whole.read());
    expect(copy.getMap('notes').toJSON()).toEqual({ a: 'first', b: 'second' });
  });

  it('gives remembered bytes as they are', () => {
    const source = new Y.Doc();
    source.getMap('notes').set('a', 'first');
    const snapshot = Y.encodeStateAsUpdate(source);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, snapshot);
    const whole = new WholeState(loaded);
    whole.remember(snapshot);
    expect(whole.read()).toBe(snapshot);
  });

  it('tells an empty state vector from one that holds something, and from bytes that are not one', () => {
    const doc = new Y.Doc();
    expect(isEmptyStateVector(Y.encodeStateVector(doc))).toBe(true);
    doc.getMap('notes').set('a', 'first');
    expect(isEmptyStateVector(Y.encodeStateVector(doc))).toBe(false);
    expect(isEmptyStateVector(new Uint8Array([0xff]))).toBe(false);
  });
});
