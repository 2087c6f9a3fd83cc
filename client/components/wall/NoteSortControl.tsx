import { useId } from 'react';
import { useGrouping } from '../../board/GroupingContext.js';
import { NOTE_SORTS, isNoteSortId } from '../../board/noteSort.js';
import { useWallContext } from '../../board/WallContext.js';

const SORT_IDS = Object.keys(NOTE_SORTS).filter(isNoteSortId);

/**
 * "Sort notes by": one choice for the whole wall, remembered in this browser. Changing it reorders
 * notes in place (no page change), and says so to screen reader users.
 */
export function NoteSortControl() {
  const id = useId();
  const { sort, setSort } = useGrouping();
  const { announce } = useWallContext();
  return (
    <div className="note-sort">
      <label className="label note-sort__label" htmlFor={`${id}-sort`}>
        Sort notes by
      </label>
      <select
        className="select note-sort__select"
        id={`${id}-sort`}
        value={sort}
        onChange={(event) => {
          const next = event.target.value;
          if (!isNoteSortId(next)) return;
          setSort(next);
          announce(NOTE_SORTS[next].isGrouped ? 'Notes shown under their groups' : `Notes sorted: ${NOTE_SORTS[next].label.toLowerCase()} first`);
        }}
      >
        {SORT_IDS.map((sortId) => (
          <option value={sortId} key={sortId}>
            {NOTE_SORTS[sortId].label}
          </option>
        ))}
      </select>
    </div>
  );
}
