/**
 * "Participants who gave an email can be told" (issue 13): an officer downloads a CSV of (email, name, idea,
 * outcome, reason), one row per idea of theirs with a council answer (an answer to a cluster applies to each
 * idea in it), to send with the council's own mail. Officers only; never part of any export or record.
 * Ideas come from the wall, so sealed, hidden and confidential ideas are never in it.
 */
import { stringify } from 'csv-stringify/sync';
import { COUNCIL_OUTCOME_LABELS } from '../../shared/schema/councilOutcomes.js';
import { readClusterState } from '../../shared/schema/clusters.js';
import { readWallNotes } from '../../shared/schema/wall.js';
import type { RouteDeps } from '../http/routes/deps.js';
import { AppError } from '../errors.js';

export async function councilOutcomeEmailsCsv(deps: RouteDeps, boardId: string): Promise<string> {
  if (!deps.rooms) throw new AppError('internal', 'The board cannot be read now.');
  const [participants, outcomes] = await Promise.all([deps.store.listParticipants(boardId), deps.store.listCouncilOutcomes(boardId)]);
  const emailOf = new Map(participants.filter((person) => person.email && person.removedAt === null).map((person) => [person.id, person]));
  const rows: string[][] = [['email', 'name', 'idea', 'outcome', 'reason']];
  await deps.rooms.withRoom(boardId, async (room) => {
    const notes = readWallNotes(room.wall.doc);
    const { placements } = readClusterState(room.brief.doc);
    const byNote = new Map(outcomes.filter((outcome) => outcome.kind === 'note').map((outcome) => [outcome.key, outcome]));
    const byCluster = new Map(outcomes.filter((outcome) => outcome.kind === 'cluster').map((outcome) => [outcome.key, outcome]));
    for (const [key, note] of notes) {
      const person = emailOf.get(note.author);
      const clusterId = placements.get(key);
      const outcome = byNote.get(key) ?? (clusterId ? byCluster.get(clusterId) : undefined);
      if (!person?.email || !outcome) continue;
      rows.push([person.email, person.name, note.text, COUNCIL_OUTCOME_LABELS[outcome.outcome], outcome.reason]);
    }
  });
  return stringify(rows, { escape_formulas: true, record_delimiter: 'windows' } as Parameters<typeof stringify>[1]);
}
