import type { ReactNode } from 'react';

/** GOV.UK inset text: a block set off by a thick left border, for text people must not miss. */
export function InsetText({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <div className="inset-text" id={id}>
      {children}
    </div>
  );
}
