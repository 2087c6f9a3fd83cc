/**
 * Who took part (issue 13): at join a supplier may say their organisation's size and whether they have
 * worked with the council before. Both optional; the record shows counts only, never who.
 * Plain arrays (no zod) so the join page can import them without weight.
 */

/** Organisation sizes a supplier may choose (UK definitions: micro < 10 staff, small < 50, medium < 250). */
export const ORGANISATION_SIZES = ['micro', 'small', 'medium', 'large', 'vcse'] as const;
export type OrganisationSize = (typeof ORGANISATION_SIZES)[number];

/** Labels shown at join and in the record. */
export const ORGANISATION_SIZE_LABELS: Record<OrganisationSize | 'not-said', string> = {
  micro: 'Micro (fewer than 10 staff)',
  small: 'Small (10 to 49 staff)',
  medium: 'Medium (50 to 249 staff)',
  large: 'Large (250 staff or more)',
  vcse: 'Voluntary, community or social enterprise (VCSE)',
  'not-said': 'Prefer not to say',
};

/** "Have you worked with the council before?" */
export const WORKED_BEFORE_ANSWERS = ['yes', 'no', 'not-sure'] as const;
export type WorkedBefore = (typeof WORKED_BEFORE_ANSWERS)[number];

export const WORKED_BEFORE_LABELS: Record<WorkedBefore, string> = { yes: 'Yes', no: 'No', 'not-sure': 'Not sure' };

/** What the record and pipeline show about who took part: counts only. */
export interface BoardReach {
  /** Participants (suppliers) who joined and were not removed; observers and officers are not counted. */
  participants: number;
  bySize: Record<OrganisationSize | 'not-said', number>;
  /** Micro, small and medium organisations. */
  smes: number;
  /** Participants who said they have not worked with the council before. */
  firstTime: number;
}
