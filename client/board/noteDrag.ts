/**
 * Dragging a note into a group (issue 12, grouping). The drag carries the note's wall key and its
 * problem or stage, under our own type, so a drop knows what moved and other drags (text, files) are
 * ignored. Dragging is only one way to do it: every note also has "Move to group" (WCAG 2.5.7).
 */
import type { DragEvent } from 'react';

/** The data type of a dragged note: browsers only reveal the types, not the data, until the drop. */
export const NOTE_DRAG_TYPE = 'application/x-open-ideas-wall-note';

export interface DraggedNote {
  wallKey: string;
  targetId: string;
}

/** Starts dragging a note (call from `onDragStart`). */
export function startNoteDrag(event: DragEvent, note: DraggedNote): void {
  event.dataTransfer.setData(NOTE_DRAG_TYPE, JSON.stringify(note));
  event.dataTransfer.effectAllowed = 'move';
}

/** True while the drag over this element is a note (call from `onDragOver`/`onDragEnter`). */
export function isNoteDrag(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes(NOTE_DRAG_TYPE);
}

/** The note dropped (call from `onDrop`), or null when the drop is something else or malformed. */
export function droppedNote(event: DragEvent): DraggedNote | null {
  try {
    const value: unknown = JSON.parse(event.dataTransfer.getData(NOTE_DRAG_TYPE));
    if (typeof value !== 'object' || value === null) return null;
    const { wallKey, targetId } = value as Record<string, unknown>;
    return typeof wallKey === 'string' && typeof targetId === 'string' ? { wallKey, targetId } : null;
  } catch {
    // reason: a drop from elsewhere (another page, a crafted drag) is simply not a note
    return null;
  }
}
