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
    exposeAsImage(plot);
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

/**
 * Plot names each mark's <g> with aria-label ("dot", "line"), which ARIA forbids on an element
 * without a role, and which reads as noise. The chart is one image named by its caption, with its
 * numbers in a table beside it, so the marks' names move to data-mark (kept for tests) and the
 * svg takes role="img".
 */
export function exposeAsImage(plot: Element): void {
  const svg = plot.tagName.toLowerCase() === 'svg' ? plot : plot.querySelector('svg');
  svg?.setAttribute('role', 'img');
  for (const node of plot.querySelectorAll('[aria-label]')) {
    if (node === svg) continue;
    node.setAttribute('data-mark', node.getAttribute('aria-label') ?? '');
    node.removeAttribute('aria-label');
  }
}
