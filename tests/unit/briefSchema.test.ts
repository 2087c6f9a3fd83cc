import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isWellFormedId } from '../../shared/ids.js';
import { MAX_BRIEF_TEXT_CHARS } from '../../shared/limits.js';
import { isNoteTargetId, readBrief, targetIdsOf } from '../../shared/schema/brief.js';
import { readPhase, setPhase } from '../../shared/schema/briefMeta.js';
import { addProblem, moveProblem, problemText, removeProblem } from '../../shared/schema/problems.js';
import { newRecordId, RECORD_ID_LENGTH } from '../../shared/schema/recordId.js';
import { BRIEF_ROOTS } from '../../shared/schema/roots.js';
import {
  addServiceMap,
  addStage,
  moveServiceMap,
  moveStage,
  removeServiceMap,
  removeStage,
  stageText,
} from '../../shared/schema/serviceMaps.js';

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const stageTitles = (doc: Y.Doc, mapIndex = 0) => readBrief(doc).serviceMaps[mapIndex]?.stages.map((stage) => stage.title);

describe('record ids', () => {
  it('[schema:record-id] new record ids are 21 url-safe characters, well formed and distinct', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newRecordId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) {
      expect(id).toHaveLength(RECORD_ID_LENGTH);
      expect(isWellFormedId(id)).toBe(true);
    }
  });
});

describe('the brief', () => {
  it('[schema:brief] problems written by the officer UI read back as plain data, in order, after a round trip', () => {
    const doc = new Y.Doc();
    const second = addProblem(doc, { title: 'Missed bin collections', body: 'Residents report…', userNeeds: 'Know when', constraints: 'Budget' });
    const first = addProblem(doc, { title: 'Housing repairs' }, 0);
    const brief = readBrief(copyOf(doc));
    expect(brief.problems.map((problem) => problem.id)).toEqual([first, second]);
    expect(brief.problems[1]).toMatchObject({
      title: 'Missed bin collections',
      body: 'Residents report…',
      userNeeds: 'Know when',
      constraints: 'Budget',
    });
    expect(brief.problems[0]).toMatchObject({ title: 'Housing repairs', body: '', userNeeds: '', constraints: '' });
  });

  it('[schema:brief] text typed into a problem field shows in the reader', () => {
    const doc = new Y.Doc();
    const id = addProblem(doc, { title: 'Parking' });
    problemText(doc, id, 'title')?.insert(7, ' permits');
    expect(readBrief(doc).problems[0]?.title).toBe('Parking permits');
    expect(problemText(doc, 'no-such-problem-id', 'title')).toBeNull();
  });

  it('[schema:order] problems can be moved and removed', () => {
    const doc = new Y.Doc();
    const [a, b, c] = ['A', 'B', 'C'].map((title) => addProblem(doc, { title }));
    expect(moveProblem(doc, c as string, 0)).toBe(true);
    expect(readBrief(doc).problems.map((problem) => problem.title)).toEqual(['C', 'A', 'B']);
    expect(removeProblem(doc, a as string)).toBe(true);
    expect(removeProblem(doc, a as string)).toBe(false);
    expect(readBrief(doc).problems.map((problem) => problem.id)).toEqual([c, b]);
  });

  it('[schema:order] stages are added at a position, moved to any index and removed', () => {
    const doc = new Y.Doc();
    const mapId = addServiceMap(doc, { title: 'Reporting a pothole' });
    const ids = ['Notice', 'Report', 'Fix'].map((title) => addStage(doc, mapId, { title }) as string);
    addStage(doc, mapId, { title: 'Search', description: 'Finds the form', painPoints: 'Hard to find' }, 1);
    expect(stageTitles(doc)).toEqual(['Notice', 'Search', 'Report', 'Fix']);
    expect(moveStage(doc, mapId, ids[2] as string, 0)).toBe(true);
    expect(stageTitles(doc)).toEqual(['Fix', 'Notice', 'Search', 'Report']);
    expect(moveStage(doc, mapId, ids[2] as string, 99)).toBe(true);
    expect(stageTitles(doc)).toEqual(['Notice', 'Search', 'Report', 'Fix']);
    expect(moveStage(doc, mapId, ids[0] as string, 2)).toBe(true);
    expect(stageTitles(doc)).toEqual(['Search', 'Report', 'Notice', 'Fix']);
    expect(removeStage(doc, mapId, ids[1] as string)).toBe(true);
    expect(stageTitles(copyOf(doc))).toEqual(['Search', 'Notice', 'Fix']);
    expect(readBrief(doc).serviceMaps[0]?.stages[0]).toMatchObject({ description: 'Finds the form', painPoints: 'Hard to find' });
  });

  it('[schema:order] writers report false or null for records that do not exist', () => {
    const doc = new Y.Doc();
    expect(addStage(doc, 'no-such-map-id-000', { title: 'x' })).toBeNull();
    expect(moveStage(doc, 'no-such-map-id-000', 'x', 0)).toBe(false);
    const mapId = addServiceMap(doc);
    expect(moveStage(doc, mapId, 'no-such-stage-000', 0)).toBe(false);
    expect(removeStage(doc, mapId, 'no-such-stage-000')).toBe(false);
    expect(stageText(doc, mapId, 'no-such-stage-000', 'title')).toBeNull();
  });

  it('[schema:order] inserting between the same two stages 200 times keeps a strict order (renumbering when floats run out)', () => {
    const doc = new Y.Doc();
    const mapId = addServiceMap(doc);
    addStage(doc, mapId, { title: 'first' });
    addStage(doc, mapId, { title: 'last' });
    const expected = ['first'];
    for (let i = 0; i < 200; i++) {
      addStage(doc, mapId, { title: `s${i}` }, 1);
      expected.splice(1, 0, `s${i}`);
    }
    expected.push('last');
    const stages = readBrief(doc).serviceMaps[0]?.stages ?? [];
    expect(stages.map((stage) => stage.title)).toEqual(expected);
    for (let i = 1; i < stages.length; i++) expect(stages[i]!.order).toBeGreaterThan(stages[i - 1]!.order);
  });

  it('[schema:order] two officers adding a stage at the same place at once see the same order', () => {
    const a = new Y.Doc();
    const mapId = addServiceMap(a, { title: 'Map' });
    const b = copyOf(a);
    addStage(a, mapId, { title: 'from A' });
    addStage(b, mapId, { title: 'from B' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(stageTitles(a)).toEqual(stageTitles(b));
    expect(stageTitles(a)).toHaveLength(2);
  });

  it('[schema:brief] service maps can be reordered and removed with their stages', () => {
    const doc = new Y.Doc();
    const first = addServiceMap(doc, { title: 'One' });
    const second = addServiceMap(doc, { title: 'Two' });
    expect(moveServiceMap(doc, second, 0)).toBe(true);
    expect(readBrief(doc).serviceMaps.map((map) => map.title)).toEqual(['Two', 'One']);
    expect(removeServiceMap(doc, first)).toBe(true);
    expect(readBrief(doc).serviceMaps.map((map) => map.id)).toEqual([second]);
  });

  it('[schema:targets] notes may aim at problems and stages, not at service maps', () => {
    const doc = new Y.Doc();
    const problemId = addProblem(doc, { title: 'P' });
    const mapId = addServiceMap(doc, { title: 'M' });
    const stageId = addStage(doc, mapId, { title: 'S' }) as string;
    expect(targetIdsOf(readBrief(doc))).toEqual(new Set([problemId, stageId]));
  });

  it('[schema:brief] malformed records are skipped and missing texts read as empty', () => {
    const doc = new Y.Doc();
    doc.getMap(BRIEF_ROOTS.problems).set('plain-value-not-a-map', 'oops');
    const odd = new Y.Map<unknown>();
    doc.getMap(BRIEF_ROOTS.problems).set('odd-problem-000000', odd);
    odd.set('title', 'a plain string, not a Y.Text');
    odd.set('order', Number.NaN);
    const brief = readBrief(doc);
    expect(brief.problems).toEqual([
      { id: 'odd-problem-000000', title: '', body: '', userNeeds: '', constraints: '', order: Number.POSITIVE_INFINITY },
    ]);
  });

  it('[schema:brief-text] initial text over the brief limit is refused', () => {
    const doc = new Y.Doc();
    expect(() => addProblem(doc, { body: 'x'.repeat(MAX_BRIEF_TEXT_CHARS + 1) })).toThrow(RangeError);
    expect(() => addProblem(doc, { body: 'x'.repeat(MAX_BRIEF_TEXT_CHARS) })).not.toThrow();
    expect(readBrief(doc).problems).toHaveLength(1);
  });

  it('[schema:phase] the board is open unless the meta map says exactly "closed"', () => {
    const doc = new Y.Doc();
    expect(readPhase(doc)).toBe('open');
    setPhase(doc, 'closed');
    expect(readBrief(copyOf(doc)).phase).toBe('closed');
    doc.getMap(BRIEF_ROOTS.meta).set('phase', 'CLOSED');
    expect(readPhase(doc)).toBe('open');
    setPhase(doc, 'open');
    expect(readPhase(doc)).toBe('open');
  });
});

describe('[#10.8] isNoteTargetId (what presence accepts as `typing`)', () => {
  it('knows exactly the ids targetIdsOf lists: problems and stages, not maps, removed records or anything else', () => {
    const doc = new Y.Doc();
    const problemId = addProblem(doc, { title: 'A problem' });
    const mapId = addServiceMap(doc, { title: 'A map' });
    const stageId = addStage(doc, mapId, { title: 'A stage' })!;
    const goneId = addProblem(doc, { title: 'Removed' });
    removeProblem(doc, goneId);
    doc.getMap(BRIEF_ROOTS.problems).set('plainValue', 'not a record');
    const listed = targetIdsOf(readBrief(doc));
    for (const id of [problemId, stageId, mapId, goneId, 'plainValue', '', '__proto__', 'constructor', 'stages']) {
      expect(isNoteTargetId(doc, id), id).toBe(listed.has(id));
    }
    expect(listed).toEqual(new Set([problemId, stageId]));
  });
});
