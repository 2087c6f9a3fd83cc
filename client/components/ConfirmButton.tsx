import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface ConfirmButtonProps {
  label: string;
  /** The question asked before acting, in plain words with its consequence. */
  question: string;
  confirmLabel: string;
  variant?: 'warning' | 'primary' | 'secondary';
  onConfirm(): Promise<void>;
  /** More questions shown with the choice (e.g. "Also hide everything they posted"). */
  children?: ReactNode;
  /** Checked before `onConfirm`: false keeps the question open (the extra fields show their errors). */
  validate?: () => boolean;
}

/**
 * A button that asks before it acts: the first press shows the question with "Yes" and "Cancel";
 * only "Yes" calls `onConfirm`. Focus moves to the choice and back again on cancel.
 */
export function ConfirmButton({ label, question, confirmLabel, variant = 'warning', onConfirm, children, validate }: ConfirmButtonProps) {
  const [isAsking, setAsking] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const hasAskedRef = useRef(false);
  const questionId = useId();
  const buttonClass = { warning: 'button button--warning', primary: 'button', secondary: 'button button--secondary' }[variant];

  useEffect(() => {
    if (isAsking) confirmRef.current?.focus();
    else if (hasAskedRef.current) triggerRef.current?.focus();
    hasAskedRef.current = isAsking || hasAskedRef.current;
  }, [isAsking]);

  async function handleConfirm(): Promise<void> {
    if (isBusy) return;
    if (validate && !validate()) return;
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  }

  if (!isAsking) {
    return (
      <button type="button" className={buttonClass} ref={triggerRef} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p className="body confirm__question" id={questionId}>
        {question}
      </p>
      {children}
      <div className="button-group">
        <button type="button" className={buttonClass} ref={confirmRef} onClick={() => void handleConfirm()}>
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
