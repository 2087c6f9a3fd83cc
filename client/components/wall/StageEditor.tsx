import { useId } from 'react';
import { removeStage, stageText } from '../../../shared/schema/serviceMaps.js';
import { useWallContext } from '../../board/WallContext.js';
import { BoundTextField } from './BoundTextField.js';
import { BriefEditorButtons } from './BriefEditorButtons.js';

interface StageEditorProps {
  mapId: string;
  stageId: string;
  isNew: boolean;
  onDone(): void;
}

/** An officer editing a stage live: its name, description and pain points. */
export function StageEditor({ mapId, stageId, isNew, onDone }: StageEditorProps) {
  const { briefDoc, announce } = useWallContext();
  const id = useId();
  if (briefDoc === null) return null;
  const doc = briefDoc;
  return (
    <div className="brief-editor">
      <BoundTextField id={`${id}-title`} label="Stage name" text={stageText(doc, mapId, stageId, 'title')} isFocusedFirst={isNew} />
      <BoundTextField id={`${id}-description`} label="Description" text={stageText(doc, mapId, stageId, 'description')} isMultiline />
      <BoundTextField id={`${id}-pain-points`} label="Pain points" text={stageText(doc, mapId, stageId, 'painPoints')} isMultiline />
      <BriefEditorButtons
        onDone={onDone}
        removeLabel="Remove stage"
        removeQuestion="Remove this stage? Notes on it will no longer be shown on the wall."
        onRemove={() => {
          removeStage(doc, mapId, stageId);
          announce('Stage removed');
        }}
      />
    </div>
  );
}
