import { ORGANISATION_SIZES, type BoardReach } from '../../shared/schema/reach.js';
import type { Store } from '../store/store.js';

/**
 * Who took part in a board (issue 13), as counts only, never who: participants (suppliers, not observers,
 * not removed), by the organisation size they gave at join ('not-said' when they gave none), SMEs (micro,
 * small and medium) and first-time suppliers (said they have not worked with the council before).
 */
export async function boardReach(store: Pick<Store, 'listParticipants' | 'listParticipantProfiles'>, boardId: string): Promise<BoardReach> {
  const [participants, profiles] = await Promise.all([store.listParticipants(boardId), store.listParticipantProfiles(boardId)]);
  const profileOf = new Map(profiles.map((profile) => [profile.participantId, profile]));
  const reach: BoardReach = {
    participants: 0,
    bySize: { micro: 0, small: 0, medium: 0, large: 0, vcse: 0, 'not-said': 0 },
    smes: 0,
    firstTime: 0,
  };
  for (const participant of participants) {
    if (participant.role !== 'participant' || participant.removedAt !== null) continue;
    const profile = profileOf.get(participant.id);
    reach.participants += 1;
    const size = profile?.organisationSize ?? null;
    reach.bySize[size && (ORGANISATION_SIZES as readonly string[]).includes(size) ? size : 'not-said'] += 1;
    if (size === 'micro' || size === 'small' || size === 'medium') reach.smes += 1;
    if (profile?.workedBefore === 'no') reach.firstTime += 1;
  }
  return reach;
}
