/**
 * The store's audits that are accepted changes, as record entries (appended in the audit's transaction):
 * phase changes, setting changes and moderation actions. Moderation entries carry the item's kind, wall
 * key and reason, never the officer's free-text detail nor the hidden content.
 */
import type { BoardSettingChangeRecord, ModerationActionRecord, PhaseChangeRecord } from '../store/store.js';
import type { RecordEntryInput, RecordWho } from './recordEntry.js';

/** The scheduler's actor id in the phase audit (server/schedule/Scheduler.ts). */
const SCHEDULE_ACTOR = 'schedule';

function phaseActor(actor: string | null): RecordWho {
  if (actor === SCHEDULE_ACTOR) return { id: 'server', role: 'server' };
  // null: an officer's page wrote the phase itself (the audit does not know which officer).
  return { id: actor ?? 'unknown-officer', role: 'officer' };
}

export function phaseChangeEntry(change: PhaseChangeRecord): RecordEntryInput {
  return { at: change.at, who: phaseActor(change.actor), kind: 'phase.changed', data: { from: change.from, to: change.to } };
}

export function settingChangeEntry(change: BoardSettingChangeRecord): RecordEntryInput {
  let value: unknown;
  try {
    value = JSON.parse(change.valueJson) as unknown;
  } catch {
    value = change.valueJson;
  }
  return { at: change.at, who: { id: change.actorPersonId, role: 'officer' }, kind: 'setting.changed', data: { setting: change.setting, value } };
}

export function moderationEntry(action: ModerationActionRecord): RecordEntryInput {
  return {
    at: action.at,
    who: { id: action.officerId, role: 'officer' },
    kind: action.action === 'hide' ? 'moderation.hidden' : 'moderation.restored',
    data: { item: action.kind, key: action.key, ...(action.reason ? { reason: action.reason } : {}) },
  };
}
