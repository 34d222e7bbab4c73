import type { ReactNode } from 'react';

/** Read by screen readers, not drawn: the text alternative of a chart, for instance. */
const hidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <div style={hidden}>{children}</div>;
}
