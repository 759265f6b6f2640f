import type { ComparisonClass } from '@pcsp/contract/compare.contract';
import { colourDistance, contrastRatio, hueGap, type Vision } from '../test/colour';
import { COMPARISON_COLOURS } from './palette';

const CLASSES = Object.keys(COMPARISON_COLOURS) as ComparisonClass[];
const PAIRS = CLASSES.flatMap((a, i) => CLASSES.slice(i + 1).map((b) => [a, b] as const));

describe('comparison colours', () => {
  it('are Okabe-Ito blue, vermillion, reddish purple and bluish green, and NHS grey 1', () => {
    expect(COMPARISON_COLOURS).toEqual({ better: '#0072B2', worse: '#D55E00', similar: '#4C6272', lower: '#CC79A7', higher: '#009E73' });
  });

  it('give lower and higher hues at least 30° from better’s and worse’s', () => {
    const near = (['lower', 'higher'] as const).flatMap((free) =>
      (['better', 'worse'] as const).filter((judged) => hueGap(COMPARISON_COLOURS[free], COMPARISON_COLOURS[judged]) < 30).map((judged) => `${free}/${judged}`),
    );
    expect(near).toEqual([]);
  });

  it.each<[string, Vision]>([
    ['normal vision', 'normal'],
    ['protanopia', 'protanopia'],
    ['deuteranopia', 'deuteranopia'],
    ['tritanopia', 'tritanopia'],
  ])('tell every two classes apart by at least 15 ΔE with %s', (_, vision) => {
    const close = PAIRS.filter(([a, b]) => colourDistance(COMPARISON_COLOURS[a], COMPARISON_COLOURS[b], vision) < 15).map(([a, b]) => `${a}/${b}`);
    expect(close).toEqual([]);
  });

  it('stand out from a white chart by at least 3:1 (WCAG non-text contrast)', () => {
    expect(CLASSES.filter((c) => contrastRatio(COMPARISON_COLOURS[c], '#ffffff') < 3)).toEqual([]);
  });
});
