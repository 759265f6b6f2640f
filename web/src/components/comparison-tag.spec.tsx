import type { ComparisonClass } from '@pcsp/contract/compare.contract';
import { render } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { COMPARISON_COLOURS } from '../charts/palette';
import { contrastRatio, hueGap } from '../test/colour';
import { ComparisonTag } from './comparison-tag';

const CLASSES = Object.keys(COMPARISON_COLOURS) as ComparisonClass[];

/**
 * The design system's own compiled CSS, of the sources app.scss builds on, for each tag modifier's text and background
 * colours (found by its package.json: jest maps every .css module to a stub).
 */
const NHS_CSS = readFileSync(join(dirname(require.resolve('nhsuk-frontend/package.json')), 'dist/nhsuk/nhsuk-frontend.min.css'), 'utf8');
function tagColours(modifier: string): { text: string; background: string } {
  const rule = new RegExp(`\\.${modifier}\\{[^}]*\\}`).exec(NHS_CSS)?.[0] ?? '';
  const colour = (property: string) => new RegExp(`[{;]${property}:(#[0-9a-f]{6})`, 'i').exec(rule)?.[1];
  const text = colour('color');
  const background = colour('background-color');
  if (!text || !background) throw new Error(`nhsuk-frontend has no colours for .${modifier}`);
  return { text, background };
}

function modifierOf(comparison: ComparisonClass): string {
  const { container } = render(<ComparisonTag comparison={comparison} value={0.5} />);
  const classes = [...container.querySelector('strong.nhsuk-tag')!.classList].filter((c) => c !== 'nhsuk-tag');
  expect(classes).toHaveLength(1);
  return classes[0]!;
}

describe('comparison tag', () => {
  it('gives each class its own NHS tag colour, saying the class in words', () => {
    expect(new Set(CLASSES.map(modifierOf)).size).toBe(CLASSES.length);
    expect(Object.fromEntries(CLASSES.map((c) => [c, modifierOf(c)]))).toEqual({
      better: 'nhsuk-tag--blue',
      worse: 'nhsuk-tag--orange',
      similar: 'nhsuk-tag--grey',
      lower: 'nhsuk-tag--pink',
      higher: 'nhsuk-tag--aqua-green',
    });
    expect(render(<ComparisonTag comparison="lower" value={0.5} />).container.textContent).toBe('Lower');
  });

  it('keeps lower’s and higher’s tags at least 30° in hue from better’s and worse’s, and from each other', () => {
    const background = (c: ComparisonClass) => tagColours(modifierOf(c)).background;
    const pairs: [ComparisonClass, ComparisonClass][] = [['lower', 'better'], ['lower', 'worse'], ['higher', 'better'], ['higher', 'worse'], ['lower', 'higher']];
    const near = pairs.filter(([a, b]) => hueGap(background(a), background(b)) < 30).map(([a, b]) => `${a}/${b}`);
    expect(near).toEqual([]);
  });

  it('colours each tag in the hue of its class on charts (similar is grey on both)', () => {
    const coloured = CLASSES.filter((c) => c !== 'similar');
    expect(coloured.filter((c) => hueGap(tagColours(modifierOf(c)).background, COMPARISON_COLOURS[c]) > 20)).toEqual([]);
  });

  it('has text at least 4.5:1 against its background (WCAG AA)', () => {
    expect(CLASSES.filter((c) => {
      const { text, background } = tagColours(modifierOf(c));
      return contrastRatio(text, background) < 4.5;
    })).toEqual([]);
  });

  it('says there is no comparison where there is no figure to compare', () => {
    expect(render(<ComparisonTag comparison={null} value={null} />).container.textContent).toBe('no comparison');
  });

  it('tags a figure with no comparison (no limits to judge it by) as not compared, never similar', () => {
    // A count of 0 is a figure too: not compared, as a rate of 12.5 with no benchmark is.
    for (const value of [0, 12.5]) {
      const { container } = render(<ComparisonTag comparison={null} value={value} />);
      expect(container.querySelector('strong.nhsuk-tag.nhsuk-tag--white')?.textContent).toBe('Not compared');
    }
  });
});
