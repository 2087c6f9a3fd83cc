export type TagColour = 'green' | 'grey' | 'red' | 'blue' | 'yellow';

/** GOV.UK tag: a short status in a coloured box. The colour repeats the text; it never carries meaning alone. */
export function StatusTag({ colour, children }: { colour: TagColour; children: string }) {
  return <strong className={`tag tag--${colour}`}>{children}</strong>;
}
