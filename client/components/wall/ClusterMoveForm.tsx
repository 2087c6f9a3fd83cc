import { useId, useState, type FormEvent } from 'react';
import { placeNote, unplaceNote, type ClusterRecord } from '../../../shared/schema/clusters.js';
import { useWallContext } from '../../board/WallContext.js';

interface ClusterMoveFormProps {
  /** The note's page key (to focus it again where it lands) and wall key (what groups place). */
  pageKey: string;
  wallKey: string;
  clusters: readonly ClusterRecord[];
  currentClusterId: string | null;
}

const NOT_GROUPED = '';

/**
 * Officers: "Move to group" on a note, a select and a button: the way to group notes without dragging
 * (WCAG 2.5.7). Choosing with the arrow keys moves nothing until the button is pressed.
 */
export function ClusterMoveForm({ pageKey, wallKey, clusters, currentClusterId }: ClusterMoveFormProps) {
  const id = useId();
  const { briefDoc, announce, requestFocus } = useWallContext();
  const current = currentClusterId ?? NOT_GROUPED;
  const [choice, setChoice] = useState(current);
  if (briefDoc === null) return null;
  const doc = briefDoc;

  function handleSubmit(event: FormEvent): void {
    event.preventDefault();
    if (choice === current) {
      announce(choice === NOT_GROUPED ? 'The note is already not grouped' : 'The note is already in that group');
      return;
    }
    const cluster = clusters.find((candidate) => candidate.id === choice);
    const isDone = cluster === undefined ? unplaceNote(doc, wallKey) : placeNote(doc, wallKey, cluster.id);
    if (!isDone) {
      announce('The note could not be moved. Try again.');
      return;
    }
    requestFocus(pageKey);
    announce(cluster === undefined ? 'Note taken out of its group' : `Note moved to group ‘${cluster.title}’`);
  }

  return (
    <form className="move-note cluster-move" onSubmit={handleSubmit}>
      <label className="label move-note__label" htmlFor={`${id}-cluster`}>
        Move to group
      </label>
      <div className="move-note__row">
        <select className="select move-note__select" id={`${id}-cluster`} value={choice} onChange={(event) => setChoice(event.target.value)}>
          <option value={NOT_GROUPED}>{current === NOT_GROUPED ? 'Not grouped (current)' : 'Not grouped'}</option>
          {clusters.map((cluster) => (
            <option value={cluster.id} key={cluster.id}>
              {cluster.id === current ? `${cluster.title} (current)` : cluster.title}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary wall-button">
          Move<span className="visually-hidden"> note to the chosen group</span>
        </button>
      </div>
    </form>
  );
}
