import type { NoteTarget } from '../../board/noteTargets.js';

function groupsOf(targets: readonly NoteTarget[]): Array<[string, NoteTarget[]]> {
  const groups: Array<[string, NoteTarget[]]> = [];
  for (const target of targets) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0] === target.group) last[1].push(target);
    else groups.push([target.group, [target]]);
  }
  return groups;
}

/** The problems and stages as a select's options, grouped by "Problem statements" and by service map. */
export function TargetOptions({ targets, currentTargetId }: { targets: readonly NoteTarget[]; currentTargetId?: string }) {
  return groupsOf(targets).map(([group, members], index) => (
    <optgroup label={group} key={`${index}-${group}`}>
      {members.map((target) => (
        <option value={target.id} key={target.id}>
          {target.id === currentTargetId ? `${target.label} (current)` : target.label}
        </option>
      ))}
    </optgroup>
  ));
}
