import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

export interface PlotFigureProps {
  options: Plot.PlotOptions;
  /** Called with the datum under the pointer when the plot is clicked (marks drawn with `tip` or a pointer transform). */
  onSelect?: (datum: unknown) => void;
}

/** The one component that owns a Plot's DOM: builds it, appends it and removes it on change or unmount. */
export function PlotFigure({ options, onSelect }: PlotFigureProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = container.current;
    if (!host) return undefined;
    const plot = Plot.plot(options);
    const handleClick = () => {
      const datum = (plot as unknown as { value?: unknown }).value;
      if (datum !== undefined && datum !== null && onSelect) onSelect(datum);
    };
    if (onSelect) {
      plot.addEventListener('click', handleClick);
      plot.style.cursor = 'pointer';
    }
    host.append(plot);
    return () => {
      plot.removeEventListener('click', handleClick);
      plot.remove();
    };
  }, [options, onSelect]);

  return <div ref={container} className="app-plot" />;
}
