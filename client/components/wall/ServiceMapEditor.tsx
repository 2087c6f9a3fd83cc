import { useId } from 'react';
import { removeServiceMap, serviceMapTitle } from '../../../shared/schema/serviceMaps.js';
import { useWallContext } from '../../board/WallContext.js';
import { BoundTextField } from './BoundTextField.js';
import { BriefEditorButtons } from './BriefEditorButtons.js';

interface ServiceMapEditorProps {
  mapId: string;
  isNew: boolean;
  onDone(): void;
}

/** An officer renaming or removing a service map. */
export function ServiceMapEditor({ mapId, isNew, onDone }: ServiceMapEditorProps) {
  const { briefDoc, announce } = useWallContext();
  const id = useId();
  if (briefDoc === null) return null;
  const doc = briefDoc;
  return (
    <div className="brief-editor">
      <BoundTextField id={`${id}-title`} label="Service map name" text={serviceMapTitle(doc, mapId)} isFocusedFirst={isNew} />
      <BriefEditorButtons
        onDone={onDone}
        removeLabel="Remove service map"
        removeQuestion="Remove this service map and all its stages? Notes on them will no longer be shown on the wall."
        onRemove={() => {
          removeServiceMap(doc, mapId);
          announce('Service map removed');
        }}
      />
    </div>
  );
}
