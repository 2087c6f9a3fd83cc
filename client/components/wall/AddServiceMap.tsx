import { addServiceMap } from '../../../shared/schema/serviceMaps.js';
import { useWallContext } from '../../board/WallContext.js';

/** Officers: adds an empty service map at the end; its name field opens with focus. */
export function AddServiceMap({ onAdded }: { onAdded(mapId: string): void }) {
  const { briefDoc, announce } = useWallContext();
  if (briefDoc === null) return null;
  const doc = briefDoc;
  return (
    <button
      type="button"
      className="button wall-button"
      onClick={() => {
        onAdded(addServiceMap(doc));
        announce('Service map added. Enter its name.');
      }}
    >
      Add a service map
    </button>
  );
}
