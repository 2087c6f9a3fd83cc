/**
 * The brief's `serviceMaps` root: Y.Map<mapId, Y.Map{ title: Y.Text, order: number,
 * stages: Y.Map<stageId, Y.Map{ title, description, painPoints: Y.Text, order: number }> }>.
 * Maps and the stages of each map are ordered by `order` (see `orderedRecords.ts`).
 * A stage id is a valid target of a note; a map id is not.
 */
import * as Y from 'yjs';
import { briefText } from './briefText.js';
import { BRIEF_ROOTS } from './roots.js';
import { newRecordId } from './recordId.js';
import {
  ORDER_FIELD,
  moveEntry,
  removeEntry,
  orderForIndex,
  recordOf,
  sortedEntries,
  textFieldOf,
  textOf,
} from './orderedRecords.js';

/** Field of a service map holding its stages. */
export const STAGES_FIELD = 'stages';
/** The Y.Text fields of a stage. */
export const STAGE_TEXT_FIELDS = ['title', 'description', 'painPoints'] as const;
export type StageTextField = (typeof STAGE_TEXT_FIELDS)[number];

/** A stage of a service map as plain data. */
export interface StageRecord {
  id: string;
  title: string;
  description: string;
  painPoints: string;
  /** Position among the map's stages: smaller first. +Infinity when the record has none. */
  order: number;
}

/** A service map as plain data, its stages sorted by order. */
export interface ServiceMapRecord {
  id: string;
  title: string;
  order: number;
  stages: StageRecord[];
}

/** Initial text of a new stage; missing fields default to ''. */
export type NewStage = Partial<Record<StageTextField, string>>;

function serviceMapsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(BRIEF_ROOTS.serviceMaps);
}

function stagesOf(map: Y.Map<unknown> | undefined): Y.Map<unknown> | undefined {
  const stages = map?.get(STAGES_FIELD);
  return stages instanceof Y.Map ? (stages as Y.Map<unknown>) : undefined;
}

/** Every service map of the brief as plain data, maps and stages sorted by order (ties by id). */
export function readServiceMaps(doc: Y.Doc): ServiceMapRecord[] {
  return sortedEntries(serviceMapsOf(doc)).map(({ id, record, order }) => {
    const stages = stagesOf(record);
    return {
      id,
      title: textOf(record, 'title'),
      order,
      stages:
        stages === undefined
          ? []
          : sortedEntries(stages).map((stage) => ({
              id: stage.id,
              title: textOf(stage.record, 'title'),
              description: textOf(stage.record, 'description'),
              painPoints: textOf(stage.record, 'painPoints'),
              order: stage.order,
            })),
    };
  });
}

/** Adds an empty service map at `position` (default: last); returns its id. Throws RangeError on an over-long title. */
export function addServiceMap(doc: Y.Doc, fields: { title?: string } = {}, position?: number): string {
  const title = briefText(fields.title, 'title');
  const id = newRecordId();
  doc.transact(() => {
    const maps = serviceMapsOf(doc);
    const siblings = sortedEntries(maps);
    const record = new Y.Map<unknown>();
    maps.set(id, record);
    record.set('title', title);
    record.set(STAGES_FIELD, new Y.Map<unknown>());
    record.set(ORDER_FIELD, orderForIndex(siblings, position ?? siblings.length));
  });
  return id;
}

/** Moves a service map to `newIndex`. False when there is no such map. */
export function moveServiceMap(doc: Y.Doc, mapId: string, newIndex: number): boolean {
  return moveEntry(serviceMapsOf(doc), mapId, newIndex);
}

/** Removes a service map with all its stages. False when there was no such map. */
export function removeServiceMap(doc: Y.Doc, mapId: string): boolean {
  return removeEntry(serviceMapsOf(doc), mapId);
}

/**
 * Adds a stage to a service map at `position` (index among its stages; default: last) and returns
 * the stage's id, or null when there is no such map. Throws RangeError on an over-long text.
 */
export function addStage(doc: Y.Doc, mapId: string, fields: NewStage = {}, position?: number): string | null {
  const texts = STAGE_TEXT_FIELDS.map((field) => [field, briefText(fields[field], field)] as const);
  const map = recordOf(serviceMapsOf(doc), mapId);
  if (map === undefined) return null;
  const id = newRecordId();
  doc.transact(() => {
    let stages = stagesOf(map);
    if (stages === undefined) {
      stages = new Y.Map<unknown>();
      map.set(STAGES_FIELD, stages);
    }
    const siblings = sortedEntries(stages);
    const record = new Y.Map<unknown>();
    stages.set(id, record);
    for (const [field, text] of texts) record.set(field, text);
    record.set(ORDER_FIELD, orderForIndex(siblings, position ?? siblings.length));
  });
  return id;
}

/** Moves a stage to `newIndex` among its map's stages. False when there is no such map or stage. */
export function moveStage(doc: Y.Doc, mapId: string, stageId: string, newIndex: number): boolean {
  const stages = stagesOf(recordOf(serviceMapsOf(doc), mapId));
  return stages !== undefined && moveEntry(stages, stageId, newIndex);
}

/** Removes a stage. False when there was no such map or stage. Notes aimed at it stay in drafts. */
export function removeStage(doc: Y.Doc, mapId: string, stageId: string): boolean {
  return removeEntry(stagesOf(recordOf(serviceMapsOf(doc), mapId)), stageId);
}

/** The Y.Text title of a service map, for binding to an editor; null when there is no such map. */
export function serviceMapTitle(doc: Y.Doc, mapId: string): Y.Text | null {
  return textFieldOf(recordOf(serviceMapsOf(doc), mapId), 'title');
}

/** The Y.Text of one field of a stage; null when there is no such map or stage. */
export function stageText(doc: Y.Doc, mapId: string, stageId: string, field: StageTextField): Y.Text | null {
  const stages = stagesOf(recordOf(serviceMapsOf(doc), mapId));
  return stages === undefined ? null : textFieldOf(recordOf(stages, stageId), field);
}
