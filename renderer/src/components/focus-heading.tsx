import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A heading that takes focus when it appears, so keyboard and screen-reader users land on the
 * new step or section instead of on a button that no longer exists.
 */
export function FocusHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}
