/**
 * Words for moderation's reason ids in exports. The moderation helper owns the list (issue 12: off-topic,
 * duplicate, offensive, personal data, commercial in confidence); an id this table does not know is shown as
 * it is, so a new reason never disappears from a report. At merge: use moderation's labels if it exports some.
 */
const LABELS: Readonly<Record<string, string>> = {
  'off-topic': 'Off-topic',
  duplicate: 'Duplicate',
  offensive: 'Offensive',
  'personal-data': 'Personal data',
  'commercial-in-confidence': 'Commercial in confidence',
};

/** The reason in plain English ('' for none). */
export function hiddenReasonLabel(reason: string | null): string {
  if (reason === null) return '';
  return Object.hasOwn(LABELS, reason) ? (LABELS[reason] ?? reason) : reason;
}
