/**
 * Binds an uncontrolled <input> or <textarea> to a Y.Text. Each edit becomes the smallest insert or
 * delete (see `textDiff.ts`), so officers typing in the same field at once do not overwrite each other;
 * someone else's change updates the field and keeps the caret where it was in the text.
 */
import { useCallback, useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { diffText, shiftIndexThroughDelta, type TextDeltaOp } from './textDiff.js';

type TextField = HTMLInputElement | HTMLTextAreaElement;

export function useBoundText<E extends TextField>(text: Y.Text | null) {
  const ref = useRef<E>(null);
  // Marks our own transactions, so the observer skips them.
  const originRef = useRef<object>({});

  useEffect(() => {
    const field = ref.current;
    if (field === null || text === null) return;
    field.value = text.toString();
    const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === originRef.current) return;
      const value = text.toString();
      if (field.value === value) return;
      const isFocused = field.ownerDocument.activeElement === field;
      const start = field.selectionStart ?? 0;
      const end = field.selectionEnd ?? 0;
      field.value = value;
      if (!isFocused) return;
      const delta = event.delta as TextDeltaOp[];
      field.setSelectionRange(shiftIndexThroughDelta(start, delta), shiftIndexThroughDelta(end, delta));
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const onInput = useCallback(() => {
    const field = ref.current;
    if (field === null || text === null) return;
    const change = diffText(text.toString(), field.value, field.selectionEnd);
    if (change === null) return;
    const apply = () => {
      if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
      if (change.insert !== '') text.insert(change.index, change.insert);
    };
    if (text.doc) text.doc.transact(apply, originRef.current);
    else apply();
  }, [text]);

  return { ref, onInput };
}
