import { useState } from 'react';
import type { FormEvent } from 'react';
import { createInviteLinkBody } from '../../shared/protocol/api.js';
import type { InviteLinkView, InviteRole } from '../../shared/protocol/api.js';
import { localDateTimeToIso } from '../format/dates.js';
import { errorsFromFailure, validate } from '../forms/formErrors.js';
import type { FormError } from '../forms/formErrors.js';
import { useFormErrors } from '../forms/useFormErrors.js';
import { ApiError } from '../net/http.js';
import { useSession } from '../session/SessionContext.js';
import { ErrorSummary } from './ErrorSummary.js';
import { ExpiryFields } from './ExpiryFields.js';

interface CreateInviteLinkFormProps {
  boardId: string;
  role: InviteRole;
  onCreated(link: InviteLinkView): void;
  onSessionEnded(): void;
}

/** Reads the two expiry inputs: both blank means no expiry; one blank is a mistake to point out. */
function readExpiry(date: string, time: string, dateId: string, timeId: string): FormError[] | string | null {
  if (date === '' && time === '') return null;
  const errors: FormError[] = [];
  if (date === '') errors.push({ field: dateId, message: 'Enter the date the link should stop working' });
  if (time === '') errors.push({ field: timeId, message: 'Enter the time the link should stop working' });
  if (errors.length > 0) return errors;
  return localDateTimeToIso(date, time) ?? [{ field: dateId, message: 'Enter a real date and time' }];
}

export function CreateInviteLinkForm({ boardId, role, onCreated, onSessionEnded }: CreateInviteLinkFormProps) {
  const { api } = useSession();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [isSubmitting, setSubmitting] = useState(false);
  const { errors, setErrors, clearErrors, messageFor } = useFormErrors();
  const dateId = `${role}-expiry-date`;
  const timeId = `${role}-expiry-time`;
  const fieldIdFor = (field: string) => (field === 'expiresAt' ? dateId : field);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isSubmitting) return;
    const expiry = readExpiry(date, time, dateId, timeId);
    if (Array.isArray(expiry)) return setErrors(expiry);
    const checked = validate(createInviteLinkBody, { role, expiresAt: expiry }, fieldIdFor);
    if (!checked.ok) return setErrors(checked.errors);
    setSubmitting(true);
    try {
      const { link } = await api.createInviteLink(boardId, checked.data);
      clearErrors();
      setDate('');
      setTime('');
      onCreated(link);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) return onSessionEnded();
      setErrors(errorsFromFailure(failure, { fieldIdFor }));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)} className="create-link-form">
      <ErrorSummary errors={errors} />
      <ExpiryFields
        idPrefix={role}
        date={date}
        time={time}
        onDateChange={setDate}
        onTimeChange={setTime}
        dateError={messageFor(dateId)}
        timeError={messageFor(timeId)}
      />
      <button type="submit" className="button">
        {role === 'participant' ? 'Create participant link' : 'Create observer link'}
      </button>
    </form>
  );
}
