import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkNewSchedule, readSchedule, scheduleAfterManualPhase, SCHEDULE_FIELD } from '../../shared/schema/schedule.js';
import { dueChanges, nextDueTime } from '../../server/schedule/dueChanges.js';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('[#12.schedule] checking a new schedule', () => {
  it('[#12.schedule] accepts future times with closing after opening, and clearing', () => {
    expect(checkNewSchedule({ opensAt: NOW + HOUR, closesAt: NOW + 2 * HOUR }, NOW)).toBeNull();
    expect(checkNewSchedule({ opensAt: null, closesAt: NOW + HOUR }, NOW)).toBeNull();
    expect(checkNewSchedule({ opensAt: null, closesAt: null }, NOW)).toBeNull();
  });

  it('[#12.schedule] refuses past times, far-off times and closing before opening, naming the field', () => {
    expect(checkNewSchedule({ opensAt: NOW - HOUR, closesAt: null }, NOW)).toMatchObject({ field: 'opensAt', message: 'The opening time must be in the future.' });
    expect(checkNewSchedule({ opensAt: null, closesAt: NOW - HOUR }, NOW)).toMatchObject({ field: 'closesAt' });
    expect(checkNewSchedule({ opensAt: NOW + 400 * 24 * HOUR, closesAt: null }, NOW)).toMatchObject({ field: 'opensAt' });
    expect(checkNewSchedule({ opensAt: NOW + 2 * HOUR, closesAt: NOW + HOUR }, NOW)).toMatchObject({
      field: 'closesAt',
      message: 'The closing time must be after the opening time.',
    });
  });

  it('[#12.schedule] a malformed stored schedule reads as nothing scheduled', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set(SCHEDULE_FIELD, { opensAt: 'soon', closesAt: null });
    expect(readSchedule(doc)).toEqual({ opensAt: null, closesAt: null });
  });
});

describe('[#12.schedule] what a schedule does when its time comes', () => {
  it('[#12.schedule] opening moves draft to open and is cleared', () => {
    expect(dueChanges('draft', { opensAt: NOW, closesAt: NOW + HOUR }, NOW)).toEqual({
      phase: 'open',
      schedule: { opensAt: null, closesAt: NOW + HOUR },
      fired: true,
    });
  });

  it('[#12.schedule] closing moves open or voting to closed, and leaves other phases', () => {
    for (const phase of ['open', 'voting'] as const) {
      expect(dueChanges(phase, { opensAt: null, closesAt: NOW }, NOW)).toMatchObject({ phase: 'closed', fired: true });
    }
    expect(dueChanges('published', { opensAt: null, closesAt: NOW }, NOW)).toEqual({ phase: null, schedule: { opensAt: null, closesAt: null }, fired: true });
  });

  it('[#12.schedule] both overdue (after a long outage): opens then closes; nothing due: nothing changes', () => {
    expect(dueChanges('draft', { opensAt: NOW - 2 * HOUR, closesAt: NOW - HOUR }, NOW)).toMatchObject({ phase: 'closed', fired: true });
    const later = { opensAt: NOW + HOUR, closesAt: null };
    expect(dueChanges('draft', later, NOW)).toEqual({ phase: null, schedule: later, fired: false });
  });

  it('[#12.schedule] an opening done early by hand still clears the time, without changing the phase', () => {
    expect(dueChanges('open', { opensAt: NOW, closesAt: null }, NOW)).toEqual({ phase: null, schedule: { opensAt: null, closesAt: null }, fired: true });
  });

  it('[#12.schedule] the next time due is the opening, then the closing', () => {
    expect(nextDueTime({ opensAt: NOW + HOUR, closesAt: NOW + 2 * HOUR })).toBe(NOW + HOUR);
    expect(nextDueTime({ opensAt: null, closesAt: NOW + 2 * HOUR })).toBe(NOW + 2 * HOUR);
    expect(nextDueTime({ opensAt: null, closesAt: null })).toBeNull();
  });
});

describe('[#12.schedule] an officer moving the phase by hand', () => {
  const both = { opensAt: NOW + HOUR, closesAt: NOW + 2 * HOUR };

  it('[#12.schedule] opening early drops the opening time; closing drops the closing time; draft keeps both', () => {
    expect(scheduleAfterManualPhase(both, 'open')).toEqual({ opensAt: null, closesAt: NOW + 2 * HOUR });
    expect(scheduleAfterManualPhase(both, 'voting')).toEqual({ opensAt: null, closesAt: NOW + 2 * HOUR });
    expect(scheduleAfterManualPhase(both, 'closed')).toEqual({ opensAt: null, closesAt: null });
    expect(scheduleAfterManualPhase(both, 'published')).toEqual({ opensAt: null, closesAt: null });
    expect(scheduleAfterManualPhase(both, 'draft')).toBe(both);
  });
});
