/**
 * The workshop timer everyone sees (issue 12): what it is for, the time left (m:ss on the server's clock,
 * so every screen agrees), and whether it is paused or up. Officers get the controls: start with minutes,
 * pause and resume, one more minute, stop. Screen readers hear changes, one minute left and time up
 * through a polite live region, never every second (the `role="timer"` element itself is not live).
 */
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { readTimer, type TimerSetPayload } from '../../../shared/schema/timer.js';
import { useAnnouncer } from '../../board/useAnnouncer.js';
import { useBriefMetaValue } from '../../board/useBriefMetaValue.js';
import { useCountdown } from '../../board/useCountdown.js';
import type { ServerClock } from '../../board/useServerClock.js';
import { useTimerAnnouncements } from '../../board/useTimerAnnouncements.js';
import { formatCountdown, formatDurationWords } from '../../format/countdown.js';
import type { SendCommand } from '../../net/socket.js';
import { Announcer } from './Announcer.js';
import { TimerStartForm } from './TimerStartForm.js';
import '../../styles/timerSpotlight.css';

interface WorkshopTimerProps {
  briefDoc: Y.Doc | null;
  /** The brief has synced with the server: changes from now on are announced. */
  isBriefSynced: boolean;
  clock: ServerClock;
  /** An officer who may run the timer. */
  canRun: boolean;
  sendCommand: SendCommand;
}

type TimerState = 'running' | 'paused' | 'finished';

export function WorkshopTimer({ briefDoc, isBriefSynced, clock, canRun, sendCommand }: WorkshopTimerProps) {
  const timer = useBriefMetaValue(briefDoc, readTimer);
  const leftMs = useCountdown(timer, clock);
  const [announcement, announce] = useAnnouncer();
  const [error, setError] = useState<string | null>(null);
  useTimerAnnouncements(timer, leftMs, clock.now, isBriefSynced, announce);

  // Starting and stopping replace the controls the officer used: put focus where they continue.
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [focusAfter, setFocusAfter] = useState<'controls' | 'start' | null>(null);
  const hasTimer = timer !== null;
  useEffect(() => {
    if (focusAfter === 'controls' && hasTimer) toggleRef.current?.focus();
    if ((focusAfter === 'controls') === hasTimer) setFocusAfter(null);
  }, [focusAfter, hasTimer]);

  async function send(payload: TimerSetPayload): Promise<string | null> {
    const answer = await sendCommand('timer-set', payload);
    const refusal = answer.ok ? null : answer.error.message;
    setError(refusal);
    return refusal;
  }

  async function start(durationMs: number, label: string): Promise<string | null> {
    const refusal = await send({ action: 'start', durationMs, label });
    if (refusal === null) setFocusAfter('controls');
    return refusal;
  }

  async function clear(): Promise<void> {
    if ((await send({ action: 'clear' })) === null) setFocusAfter('start');
  }

  const announcer = <Announcer announcement={announcement} testId="timer-announcer" />;
  if (timer === null || leftMs === null) {
    if (!canRun) return announcer;
    return (
      <section className="workshop-timer workshop-timer--idle" aria-label="Timer" data-testid="workshop-timer" data-state="none">
        {announcer}
        <h2 className="heading-s workshop-timer__heading">Timer</h2>
        <TimerStartForm onStart={start} shouldFocus={focusAfter === 'start'} />
      </section>
    );
  }

  const state: TimerState = timer.endsAt === null ? 'paused' : leftMs === 0 ? 'finished' : 'running';
  const title = timer.label === '' ? 'Timer' : timer.label;
  return (
    <section className={`workshop-timer workshop-timer--${state}`} aria-label="Timer" data-testid="workshop-timer" data-state={state}>
      {announcer}
      <div className="workshop-timer__display">
        <h2 className="heading-s workshop-timer__heading">
          <span className="visually-hidden">Timer: </span>
          {title}
        </h2>
        <p className="workshop-timer__time">
          <span role="timer" aria-label={`${formatDurationWords(leftMs)} left`} data-testid="timer-remaining">
            {formatCountdown(leftMs)}
          </span>{' '}
          <span className="workshop-timer__of">of {formatDurationWords(timer.durationMs)}</span>
        </p>
        {state === 'paused' && <strong className="tag tag--grey workshop-timer__tag">Paused</strong>}
        {state === 'finished' && <strong className="tag tag--red workshop-timer__tag">Time is up</strong>}
      </div>
      {canRun && (
        <div className="workshop-timer__controls">
          {error !== null && (
            <p className="error-message workshop-timer__error" role="alert">
              <span className="visually-hidden">Error:</span> {error}
            </p>
          )}
          {state !== 'finished' && (
            // One button that changes its words, so focus stays on it after pausing or resuming.
            <button
              type="button"
              className="button button--secondary wall-button"
              ref={toggleRef}
              onClick={() => void send({ action: state === 'running' ? 'pause' : 'resume' })}
            >
              {state === 'running' ? 'Pause' : 'Resume'}
              <span className="visually-hidden"> the timer</span>
            </button>
          )}
          <button type="button" className="button button--secondary wall-button" onClick={() => void send({ action: 'extend', byMs: 60_000 })}>
            Add 1 minute
          </button>
          <button type="button" className="button button--secondary wall-button" onClick={() => void clear()}>
            Stop<span className="visually-hidden"> and clear</span> the timer
          </button>
          {state === 'finished' && <TimerStartForm onStart={start} shouldFocus={false} />}
        </div>
      )}
    </section>
  );
}
