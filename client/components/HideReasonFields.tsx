import { forwardRef } from 'react';
import { MAX_MODERATION_DETAIL_CHARS, MODERATION_REASON_WORDS, MODERATION_REASONS, type ModerationReason } from '../../shared/schema/moderation.js';
import { TextArea } from './TextArea.js';

interface HideReasonFieldsProps {
  /** Prefix for the inputs' ids and the radios' name. */
  id: string;
  legend: string;
  reason: ModerationReason | null;
  detail: string;
  onReasonChange(reason: ModerationReason): void;
  onDetailChange(detail: string): void;
  reasonError?: string | undefined;
  detailError?: string | undefined;
}

/**
 * Why something is hidden: the five reasons as GOV.UK radios (each with a hint), then optional detail the
 * author will read. Used on a note ("Hide") and when removing someone ("Also hide everything they posted").
 * The ref is the first radio, so a form can put focus there when it opens or on an error.
 */
export const HideReasonFields = forwardRef<HTMLInputElement, HideReasonFieldsProps>(function HideReasonFields(
  { id, legend, reason, detail, onReasonChange, onDetailChange, reasonError, detailError },
  firstRadioRef,
) {
  const errorId = `${id}-reason-error`;
  return (
    <>
      <div className={reasonError === undefined ? 'form-group' : 'form-group form-group--error'}>
        <fieldset className="fieldset" aria-describedby={reasonError === undefined ? undefined : errorId}>
          <legend className="fieldset__legend fieldset__legend--s">{legend}</legend>
          {reasonError !== undefined && (
            <p className="error-message" id={errorId}>
              <span className="visually-hidden">Error:</span> {reasonError}
            </p>
          )}
          <div className="radios radios--small">
            {MODERATION_REASONS.map((value, index) => (
              <div className="radios__item" key={value}>
                <input
                  className="radios__input"
                  type="radio"
                  id={`${id}-${value}`}
                  name={`${id}-reason`}
                  value={value}
                  checked={reason === value}
                  onChange={() => onReasonChange(value)}
                  aria-describedby={`${id}-${value}-hint`}
                  ref={index === 0 ? firstRadioRef : undefined}
                />
                <label className="radios__label" htmlFor={`${id}-${value}`}>
                  {MODERATION_REASON_WORDS[value].label}
                </label>
                <div className="hint radios__hint" id={`${id}-${value}-hint`}>
                  {MODERATION_REASON_WORDS[value].hint}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea
        id={`${id}-detail`}
        label="More detail (optional)"
        hint={`The author will read this. Up to ${MAX_MODERATION_DETAIL_CHARS} characters.`}
        error={detailError}
        value={detail}
        onChange={onDetailChange}
        rows={2}
      />
    </>
  );
});

/** The problems with a reason and detail before sending, in the words the form shows (or none). */
export function hideReasonErrors(reason: ModerationReason | null, detail: string): { reason?: string; detail?: string } {
  const errors: { reason?: string; detail?: string } = {};
  if (reason === null) errors.reason = 'Choose why you are hiding it';
  if (detail.length > MAX_MODERATION_DETAIL_CHARS) errors.detail = `The detail can be up to ${MAX_MODERATION_DETAIL_CHARS} characters`;
  return errors;
}
