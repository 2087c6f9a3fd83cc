import { StatusTag } from './StatusTag.js';

export function PhaseBanner() {
  return (
    <div className="phase-banner width-container">
      <p className="phase-banner__content">
        <StatusTag colour="blue">Beta</StatusTag>
        <span className="phase-banner__text">This is a new service. Tell the council officer running your event what you think of it.</span>
      </p>
    </div>
  );
}
