import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

/** Plot's own width when the options give none. */
const PLOT_DEFAULT_WIDTH = 640;

export interface PlotFigureProps {
  options: Plot.PlotOptions;
  /** Called with the datum under the pointer when the plot is clicked (marks drawn with `tip` or a pointer transform). */
  onSelect?: (datum: unknown) => void;
}

/**
 * The one component that owns a Plot's DOM: builds it, appends it and removes it on change or unmount.
 * The plot is drawn at its container's width, up to the width its options ask for, and drawn again when
 * that width changes: a plot drawn wider and shrunk by CSS would shrink its text with it (4 px on a phone).
 */
export function PlotFigure({ options, onSelect }: PlotFigureProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = container.current;
    if (!host) return undefined;
    const designed = options.width ?? PLOT_DEFAULT_WIDTH;
    let plot: (HTMLElement | SVGSVGElement) | null = null;
    let drawnWidth = 0;
    let printing = false;
    // Measured now, so that the first plot is drawn at its width rather than drawn twice. Without a
    // ResizeObserver a width measured once could not follow the container (a phone turned sideways),
    // so the plot keeps its designed width and CSS scales it down.
    const observes = typeof ResizeObserver !== 'undefined';
    let measured = observes ? host.getBoundingClientRect().width : 0;
    const handleClick = () => {
      const datum = (plot as unknown as { value?: unknown } | null)?.value;
      if (datum !== undefined && datum !== null && onSelect) onSelect(datum);
    };
    // The height stays the options' own: a height tied to the width could bring a scroll bar and take it away again.
    const draw = () => {
      const width = printing ? designed : fittedWidth(measured, designed);
      if (width === drawnWidth) return;
      drawnWidth = width;
      const next = Plot.plot({ ...options, width });
      exposeAsImage(next);
      if (onSelect) {
        next.addEventListener('click', handleClick);
        next.style.cursor = 'pointer';
      }
      if (plot) {
        plot.removeEventListener('click', handleClick);
        plot.replaceWith(next);
      } else host.append(next);
      plot = next;
    };
    const observer = observes
      ? new ResizeObserver((entries) => {
          const width = entries[entries.length - 1]?.contentRect.width ?? 0;
          // A container hidden after the first drawing (0 px wide) keeps the plot it has.
          if (Math.floor(width) <= 0) return;
          measured = width;
          draw();
        })
      : null;
    // Chromium lays out a print without telling the ResizeObserver, so a plot drawn for a phone would print
    // at a phone's width on A4: it prints at its designed width instead, which the CSS fits to the page.
    const beforePrint = () => {
      printing = true;
      draw();
    };
    const afterPrint = () => {
      printing = false;
      draw();
    };
    draw();
    observer?.observe(host);
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      observer?.disconnect();
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      plot?.removeEventListener('click', handleClick);
      plot?.remove();
    };
  }, [options, onSelect]);

  return <div ref={container} className="app-plot" />;
}

/**
 * The width to draw at: the container's, in whole pixels (rounded down, so never wider than it), up to the
 * designed width; the designed width where the container's is unknown (0 before layout, and in jsdom).
 */
function fittedWidth(available: number, designed: number): number {
  const whole = Math.floor(available);
  return whole > 0 ? Math.min(whole, designed) : designed;
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
