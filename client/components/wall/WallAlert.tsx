import { useId, type ReactNode } from 'react';

/** A GOV.UK-style notification banner that is announced as soon as it appears (role="alert"). */
export function WallAlert({ heading, children, testId }: { heading: string; children?: ReactNode; testId?: string }) {
  const titleId = useId();
  return (
    <div className="notification-banner wall-alert" role="alert" aria-labelledby={titleId} data-testid={testId}>
      <div className="notification-banner__header">
        <p className="notification-banner__title">Important</p>
      </div>
      <div className="notification-banner__content">
        <p className="notification-banner__heading" id={titleId}>
          {heading}
        </p>
        {children}
      </div>
    </div>
  );
}
