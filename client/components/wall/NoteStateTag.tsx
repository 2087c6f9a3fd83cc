import type { NoteStateView } from '../../board/noteStates.js';

const TAG_CLASSES = {
  published: 'tag tag--green',
  waiting: 'tag tag--yellow',
  'not-published': 'tag tag--red',
} as const;

/** The state of one of my notes, in words (the tag's colour only repeats them). */
export function NoteStateTag({ view }: { view: NoteStateView }) {
  return <strong className={`${TAG_CLASSES[view.state]} note__state`}>{view.label}</strong>;
}
