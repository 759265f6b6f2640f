import * as Plot from '@observablehq/plot';
import { render } from '@testing-library/react';
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
