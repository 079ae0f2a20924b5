import type { ReactNode } from 'react';

/** A titled section of a page: `<section>` labelled by its `<h2>` (`${id}-title`). */
export function Card({
  id,
  title,
  testId,
  className = 'card',
  children,
}: {
  /** The title's id is `${id}-title`. */
  id: string;
  title: ReactNode;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className} aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
