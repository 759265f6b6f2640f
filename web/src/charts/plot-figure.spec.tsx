import * as Plot from '@observablehq/plot';
import { act, render } from '@testing-library/react';
import { installStubResizeObserver, StubResizeObserver } from '../test/stub-resize-observer';
import { PlotFigure } from './plot-figure';

const options = (n: number): Plot.PlotOptions => ({ marks: [Plot.dot(Array.from({ length: n }, (_, i) => ({ x: i, y: i })), { x: 'x', y: 'y' })], ariaLabel: 'Dots' });

describe('PlotFigure', () => {
  it('appends one plot, named as an image, with mark names moved off ARIA', () => {
    const { container } = render(<PlotFigure options={options(3)} />);
    const svgs = container.querySelectorAll('svg');
    expect(svgs).toHaveLength(1);
    expect(svgs[0]!.getAttribute('role')).toBe('img');
    expect(svgs[0]!.getAttribute('aria-label')).toBe('Dots');
    expect(container.querySelectorAll('g[aria-label]')).toHaveLength(0);
    expect(container.querySelectorAll('g[data-mark="dot"] circle')).toHaveLength(3);
  });

  it('replaces the plot when the options change and removes it on unmount', () => {
    const { container, rerender, unmount } = render(<PlotFigure options={options(3)} />);
    rerender(<PlotFigure options={options(5)} />);
    expect(container.querySelectorAll('svg')).toHaveLength(1);
    expect(container.querySelectorAll('g[data-mark="dot"] circle')).toHaveLength(5);
    const host = container.querySelector('.app-plot')!;
    unmount();
    expect(host.querySelector('svg')).toBeNull();
  });
});

/** Tells every observer that its containers are now `width` CSS px wide. */
function resizeTo(width: number): void {
  act(() => {
    for (const observer of StubResizeObserver.live) {
      const entries = observer.targets.map((target) => ({ target, contentRect: { width, height: 0 } }) as unknown as ResizeObserverEntry);
      if (entries.length > 0) observer.callback(entries, observer as unknown as ResizeObserver);
    }
  });
}

/** Makes every element report `width` px from getBoundingClientRect (jsdom lays nothing out: 0). */
function measuredAt(width: number): void {
  jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width, height: 0, x: 0, y: 0, top: 0, left: 0, right: width, bottom: 0 } as DOMRect);
}

/** Counts the plots put into the container from now on (each drawing appends or swaps in one). */
function countDrawings(host: Element): () => number {
  const watcher = new MutationObserver(() => undefined);
  watcher.observe(host, { childList: true });
  return () => watcher.takeRecords().reduce((n, record) => n + record.addedNodes.length, 0);
}

const sized = (width: number): Plot.PlotOptions => ({ ...options(3), width, height: 200 });
const svgWidth = (root: ParentNode) => root.querySelector('svg')!.getAttribute('width');

describe('PlotFigure drawn at its container’s width', () => {
  installStubResizeObserver();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('draws at a narrower container’s width, measured at mount, once', () => {
    // A phone: 300 px of content for a chart designed at 760 px. The height stays the options' 200.
    measuredAt(300);
    const { container } = render(<PlotFigure options={sized(760)} />);
    const drawings = countDrawings(container.querySelector('.app-plot')!);
    expect(svgWidth(container)).toBe('300');
    expect(container.querySelector('svg')!.getAttribute('viewBox')).toBe('0 0 300 200');
    // The observer's first notice gives the same width: nothing is drawn again.
    resizeTo(300);
    expect(drawings()).toBe(0);
  });

  it('draws at the container’s width when the observer reports it, in whole pixels rounded down', () => {
    // jsdom measures 0 at mount, so the first plot has the options' 760; the observer then reports 300.6 px: 300.
    const { container } = render(<PlotFigure options={sized(760)} />);
    expect(svgWidth(container)).toBe('760');
    resizeTo(300.6);
    expect(svgWidth(container)).toBe('300');
    expect(container.querySelectorAll('svg')).toHaveLength(1);
  });

  it('never draws wider than the options ask, and a small multiple keeps its own width', () => {
    const { container } = render(
      <>
        <PlotFigure options={sized(760)} />
        <PlotFigure options={sized(360)} />
      </>,
    );
    const [wide, small] = [...container.querySelectorAll('.app-plot')];
    resizeTo(300);
    expect([svgWidth(wide!), svgWidth(small!)]).toEqual(['300', '300']);
    // A 1,000 px container: each plot at its options' width, 760 and 360.
    resizeTo(1000);
    expect([svgWidth(wide!), svgWidth(small!)]).toEqual(['760', '360']);
  });

  it('keeps the options’ width where the width is unknown: no ResizeObserver, or a width of 0', () => {
    measuredAt(300);
    Reflect.deleteProperty(globalThis, 'ResizeObserver');
    const without = render(<PlotFigure options={sized(760)} />);
    expect(svgWidth(without.container)).toBe('760');
    without.unmount();
    // With an observer, the same 300 px is used; a container then hidden (0 px wide) keeps that plot.
    globalThis.ResizeObserver = StubResizeObserver as unknown as typeof ResizeObserver;
    const { container } = render(<PlotFigure options={sized(760)} />);
    expect(svgWidth(container)).toBe('300');
    const drawings = countDrawings(container.querySelector('.app-plot')!);
    resizeTo(0);
    expect(svgWidth(container)).toBe('300');
    expect(drawings()).toBe(0);
  });

  it('draws again once when the width changes by a whole pixel, and not for a fraction of one', () => {
    measuredAt(300);
    const onSelect = jest.fn();
    const { container, unmount } = render(<PlotFigure options={sized(760)} onSelect={onSelect} />);
    const host = container.querySelector('.app-plot')!;
    const drawings = countDrawings(host);
    // A phone turned sideways: 300 px to 640 px, one new plot, still the only one, still clickable.
    resizeTo(640);
    expect(drawings()).toBe(1);
    expect(container.querySelectorAll('svg')).toHaveLength(1);
    expect(svgWidth(container)).toBe('640');
    expect(container.querySelector('svg')!.style.cursor).toBe('pointer');
    // 640.7 px is still 640 whole pixels; the same width again (a change of height) draws nothing.
    resizeTo(640.7);
    resizeTo(640);
    expect(drawings()).toBe(0);
    unmount();
    expect(StubResizeObserver.live.every((o) => o.targets.length === 0)).toBe(true);
    expect(host.querySelector('svg')).toBeNull();
  });

  it('prints at the options’ width, which the CSS fits to the page, and goes back to the container’s after', () => {
    // Chromium lays out a print without a ResizeObserver notice: a plot drawn for a 300 px phone would print 300 px wide on A4.
    measuredAt(300);
    const { container } = render(<PlotFigure options={sized(760)} />);
    const drawings = countDrawings(container.querySelector('.app-plot')!);
    act(() => void window.dispatchEvent(new Event('beforeprint')));
    expect(svgWidth(container)).toBe('760');
    act(() => void window.dispatchEvent(new Event('afterprint')));
    expect(svgWidth(container)).toBe('300');
    expect(drawings()).toBe(2);
  });
});
