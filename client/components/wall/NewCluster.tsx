import { useEffect, useRef, useState } from 'react';
import { createCluster } from '../../../shared/schema/clusters.js';
import { useWallContext } from '../../board/WallContext.js';
import { ClusterNameForm } from './ClusterNameForm.js';

/** Officers: "New group" in a problem or stage, which asks for the group's name. */
export function NewCluster({ targetId, targetLabel }: { targetId: string; targetLabel: string }) {
  const { briefDoc, announce } = useWallContext();
  const [isNaming, setNaming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hasNamedRef = useRef(false);

  useEffect(() => {
    if (!isNaming && hasNamedRef.current) buttonRef.current?.focus();
    hasNamedRef.current = hasNamedRef.current || isNaming;
  }, [isNaming]);

  if (briefDoc === null) return null;
  const doc = briefDoc;

  function handleCreate(title: string): string | null {
    try {
      createCluster(doc, { title, targetId });
    } catch (error) {
      return error instanceof RangeError ? error.message : 'The group could not be made. Try again.';
    }
    announce(`Group ‘${title}’ made in ${targetLabel}`);
    setNaming(false);
    return null;
  }

  return (
    <div className="new-cluster">
      {isNaming ? (
        <ClusterNameForm label="Name of the new group" submitLabel="Make group" onSubmit={handleCreate} onCancel={() => setNaming(false)} />
      ) : (
        <button type="button" className="button button--secondary wall-button" ref={buttonRef} onClick={() => setNaming(true)}>
          New group<span className="visually-hidden"> in {targetLabel}</span>
        </button>
      )}
    </div>
  );
}
