import type { ReactNode } from 'react';
import './chart-figure.css';
import { UPlotCanvas, type UPlotCanvasProps } from './uplot-canvas';
import { VisuallyHidden } from './visually-hidden';

export interface ChartFigureProps extends UPlotCanvasProps {
  /** Left out when the section around the chart already names it. */
  title?: string;
  /** A sentence saying how to read the chart. */
  hint?: string;
  /** What the chart shows, in words or as a table, for those who cannot see it. */
  textAlternative: ReactNode;
  /** Shown instead of an empty chart. */
  empty: string;
}

/** A titled chart with its text alternative; with no points, a sentence instead of axes. */
export function ChartFigure({ title, hint, textAlternative, empty, ...chart }: ChartFigureProps) {
  return (
    <figure className="chart-figure">
      <figcaption>
        {title && <strong>{title} </strong>}
        {hint}
      </figcaption>
      {chart.x.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <VisuallyHidden>{textAlternative}</VisuallyHidden>
          <UPlotCanvas {...chart} />
        </>
      )}
    </figure>
  );
}
