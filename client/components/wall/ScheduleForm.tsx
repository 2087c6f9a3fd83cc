import { useState, type FormEvent } from 'react';
import { checkNewSchedule, type BoardSchedule } from '../../../shared/schema/schedule.js';
import { formatDateTime, localDateTimeToIso } from '../../format/dates.js';
import type { FormError } from '../../forms/formErrors.js';
import type { SendCommand } from '../../net/socket.js';
import { ErrorSummary } from '../ErrorSummary.js';
import { DateTimeFields } from './DateTimeFields.js';

interface ScheduleFormProps {
  /** The schedule as the brief has it now. */
  schedule: BoardSchedule;
  sendCommand: SendCommand;
  announce(text: string): void;
}

const FIELDS = {
  opensAt: { prefix: 'schedule-opens', legend: 'Open the board at (optional)', what: 'opening' },
  closesAt: { prefix: 'schedule-closes', legend: 'Close the board at (optional)', what: 'closing' },
} as const;
type Field = keyof typeof FIELDS;

/** "3 March 2026 at 2:15pm" for a ms epoch. */
export function formatInstant(at: number): string {
  return formatDateTime(new Date(at).toISOString());
}

/** `YYYY-MM-DD` and `HH:MM` in local time, for the date and time inputs. */
function localParts(at: number | null): { date: string; time: string } {
  if (at === null) return { date: '', time: '' };
  const value = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`, time: `${pad(value.getHours())}:${pad(value.getMinutes())}` };
}

/**
 * The officer schedules the board's opening (from "not open yet") and closing, in local time. Checked
 * here with the server's own rule (`checkNewSchedule`) to point at the field; the server decides.
 */
export function ScheduleForm({ schedule, sendCommand, announce }: ScheduleFormProps) {
  const [values, setValues] = useState(() => ({ opensAt: localParts(schedule.opensAt), closesAt: localParts(schedule.closesAt) }));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [isSending, setIsSending] = useState(false);

  const setPart = (field: Field, part: 'date' | 'time', value: string) =>
    setValues((previous) => ({ ...previous, [field]: { ...previous[field], [part]: value } }));
  const errorFor = (field: Field) => errors.find((error) => error.field === `${FIELDS[field].prefix}-date`)?.message;

  /** The instants typed, or the errors: both parts or neither, and a real date and time. */
  function read(): { ok: true; schedule: BoardSchedule } | { ok: false; errors: FormError[] } {
    const found: FormError[] = [];
    const result: BoardSchedule = { opensAt: null, closesAt: null };
    for (const field of ['opensAt', 'closesAt'] as const) {
      const { date, time } = values[field];
      const { prefix, what } = FIELDS[field];
      if (date === '' && time === '') continue;
      if (date === '' || time === '') {
        found.push({ field: `${prefix}-${date === '' ? 'date' : 'time'}`, message: `Enter both a date and a time for the ${what}, or neither` });
        continue;
      }
      const iso = localDateTimeToIso(date, time);
      if (iso === null) found.push({ field: `${prefix}-date`, message: `Enter a real date and time for the ${what}` });
      else result[field] = Date.parse(iso);
    }
    if (found.length > 0) return { ok: false, errors: found };
    const problem = checkNewSchedule(result, Date.now());
    if (problem) return { ok: false, errors: [{ field: `${FIELDS[problem.field].prefix}-date`, message: problem.message.replace(/\.$/, '') }] };
    return { ok: true, schedule: result };
  }

  async function send(next: BoardSchedule): Promise<void> {
    setIsSending(true);
    const answer = await sendCommand('schedule-set', next);
    setIsSending(false);
    if (!answer.ok) {
      setErrors([{ message: answer.error.message }]);
      return;
    }
    setErrors([]);
    const parts = [
      next.opensAt === null ? null : `opens ${formatInstant(next.opensAt)}`,
      next.closesAt === null ? null : `closes ${formatInstant(next.closesAt)}`,
    ].filter((part) => part !== null);
    announce(parts.length === 0 ? 'Schedule cleared' : `Schedule saved: the board ${parts.join(' and ')}`);
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    const typed = read();
    if (!typed.ok) return setErrors(typed.errors);
    void send(typed.schedule);
  }

  function clear(): void {
    setValues({ opensAt: localParts(null), closesAt: localParts(null) });
    void send({ opensAt: null, closesAt: null });
  }

  return (
    <form className="schedule-form" noValidate onSubmit={onSubmit} data-testid="schedule-form">
      <h3 className="heading-s">Schedule</h3>
      <p className="body" data-testid="schedule-now">
        {schedule.opensAt === null && schedule.closesAt === null
          ? 'Nothing is scheduled. The board changes phase only when you change it.'
          : [
              schedule.opensAt === null ? null : `Opens automatically on ${formatInstant(schedule.opensAt)}.`,
              schedule.closesAt === null ? null : `Closes automatically on ${formatInstant(schedule.closesAt)}.`,
            ]
              .filter((part) => part !== null)
              .join(' ')}
      </p>
      <ErrorSummary errors={errors} />
      {(['opensAt', 'closesAt'] as const).map((field) => (
        <DateTimeFields
          key={field}
          idPrefix={FIELDS[field].prefix}
          legend={FIELDS[field].legend}
          hint={field === 'opensAt' ? 'A board that is not open yet opens at this time. Your computer’s time zone.' : 'A board open for ideas or voting closes at this time.'}
          date={values[field].date}
          time={values[field].time}
          onDateChange={(value) => setPart(field, 'date', value)}
          onTimeChange={(value) => setPart(field, 'time', value)}
          error={errorFor(field) ?? errors.find((error) => error.field === `${FIELDS[field].prefix}-time`)?.message}
        />
      ))}
      <div className="button-group">
        <button type="submit" className="button wall-button" disabled={isSending}>
          Save schedule
        </button>
        <button type="button" className="button button--secondary wall-button" disabled={isSending} onClick={clear}>
          Clear schedule
        </button>
      </div>
    </form>
  );
}
