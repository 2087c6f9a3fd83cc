import { useId } from 'react';
import type { ReactNode } from 'react';

interface NotificationBannerProps {
  /** `success` confirms something the person just did and is announced straight away. */
  variant?: 'important' | 'success';
  children: ReactNode;
}

export function NotificationBanner({ variant = 'important', children }: NotificationBannerProps) {
  const titleId = useId();
  const isSuccess = variant === 'success';
  return (
    <div
      className={isSuccess ? 'notification-banner notification-banner--success' : 'notification-banner'}
      role={isSuccess ? 'alert' : 'region'}
      aria-labelledby={titleId}
    >
      <div className="notification-banner__header">
        <h2 className="notification-banner__title" id={titleId}>
          {isSuccess ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="notification-banner__content">{children}</div>
    </div>
  );
}
