import type { ComparisonClass } from '@pcsp/contract/compare.contract';
import { colourDistance, contrastRatio, hueGap, type Vision } from '../test/colour';
import { CATEGORY_COLOURS, COMPARISON_COLOURS, LINE_COLOURS, NOT_COMPARED } from './palette';

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

describe('not compared', () => {
  it('outlines its hollow point in NHS grey 1, 6.37:1 on white', () => {
    // #4C6272: sRGB 76, 98, 114 → linear 0.07227, 0.12214, 0.16827; luminance 0.2126 × 0.07227 + 0.7152 × 0.12214
    // + 0.0722 × 0.16827 = 0.11487; against white (1.05) / (0.11487 + 0.05) = 6.37.
    expect(NOT_COMPARED.colour).toBe('#4C6272');
    expect(contrastRatio(NOT_COMPARED.colour, '#ffffff')).toBeCloseTo(6.37, 2);
  });
});

describe('line colours', () => {
  const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
  // The band is a translucent fill under the organisation's line (decorative): every other entry is a line or a mark.
  const DRAWN = (Object.keys(LINE_COLOURS) as (keyof typeof LINE_COLOURS)[]).filter((line) => line !== 'band');

  it('give the parent line 5.87:1 on white', () => {
    // #965240: sRGB 150, 82, 64 → linear 0.3050, 0.0844, 0.0513; luminance 0.2126 × 0.3050 + 0.7152 × 0.0844 + 0.0722 × 0.0513
    // = 0.1289; against white (1.05) / (0.1289 + 0.05) = 5.87.
    expect(contrastRatio(LINE_COLOURS.parent, '#ffffff')).toBeCloseTo(5.87, 2);
  });

  it('stand out from a white chart by at least 3:1 (WCAG non-text contrast), each one drawn as a line or mark', () => {
    expect(DRAWN).toEqual(['org', 'parent', 'england', 'decile', 'highlight', 'pcn', 'icb']);
    expect(DRAWN.filter((line) => contrastRatio(LINE_COLOURS[line], '#ffffff') < 3).map((line) => `${line} ${LINE_COLOURS[line]}`)).toEqual([]);
  });

  it('keep the parent at least 15 ΔE from the organisation, England and every comparison class, with each kind of vision', () => {
    const neighbours: Record<string, string> = { org: LINE_COLOURS.org, england: LINE_COLOURS.england, ...COMPARISON_COLOURS };
    const close = VISIONS.flatMap((vision) =>
      Object.entries(neighbours)
        .filter(([, colour]) => colourDistance(LINE_COLOURS.parent, colour, vision) < 15)
        .map(([name]) => `${name} (${vision})`),
    );
    expect(close).toEqual([]);
  });
});

describe('category colours', () => {
  const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

  it('stand out from a white chart by at least 3:1 (WCAG non-text contrast)', () => {
    expect(CATEGORY_COLOURS.filter((colour) => contrastRatio(colour, '#ffffff') < 3)).toEqual([]);
  });

  it('keep every two at least 15 ΔE apart, with each kind of vision', () => {
    const close = VISIONS.flatMap((vision) =>
      CATEGORY_COLOURS.flatMap((a, i) => CATEGORY_COLOURS.slice(i + 1).filter((b) => colourDistance(a, b, vision) < 15).map((b) => `${a}/${b} (${vision})`)),
    );
    expect(close).toEqual([]);
  });
});
