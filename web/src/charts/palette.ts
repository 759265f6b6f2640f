import type { ComparisonClass } from '@pcsp/contract/compare.contract';

/**
 * Okabe-Ito colours (safe for the common colour-vision deficiencies), with NHS grey for
 * "similar". Each class also has its own symbol so colour is never the only cue.
 * Lower and higher judge nothing, so they take hues that better and worse do not (as Fingertips
 * keeps its no-judgement blues apart from its red and green): reddish purple and bluish green, where
 * orange and sky blue had read as worse's vermillion and better's blue. "Similar" is NHS grey 1: the
 * lighter grey it replaced was as light as the reddish purple, which protanopia and deuteranopia
 * leave little else to tell by.
 */
export const COMPARISON_COLOURS: Record<ComparisonClass, string> = {
  better: '#0072B2',
  worse: '#D55E00',
  similar: '#4C6272',
  lower: '#CC79A7',
  higher: '#009E73',
};

export const COMPARISON_SYMBOLS: Record<ComparisonClass, string> = {
  better: 'triangle',
  worse: 'diamond',
  similar: 'circle',
  lower: 'square',
  higher: 'triangle',
};

export const COMPARISON_LABELS: Record<ComparisonClass, string> = {
  better: 'Better than expected',
  worse: 'Worse than expected',
  similar: 'Similar to expected',
  lower: 'Lower than expected',
  higher: 'Higher than expected',
};

/**
 * A funnel point the API gave no comparison (no limits: no benchmark rate, or a rate per 1,000 whose benchmark has more
 * admissions than people), Fingertips' "not compared". Hollow, so that fill and not colour alone tells it from similar's
 * filled circle; outlined in similar's NHS grey 1, a neutral that stands out from white by 6.37:1.
 */
export const NOT_COMPARED = { label: 'Not compared', colour: '#4C6272', symbol: 'circle' } as const;

/**
 * Lines of a trend: the organisation, its parent, England. Each line or mark stands out from white by 3:1 (WCAG 1.4.11).
 * The parent is brown: Okabe-Ito orange (#E69F00) had 2.25:1, and a darker orange reads as worse's vermillion, which
 * protanopia leaves nothing but lightness to tell from it.
 */
export const LINE_COLOURS = {
  org: '#005EB8', // NHS blue
  // Decorative, so exempt from 3:1: a translucent band under the organisation's line, whose interval the table gives.
  band: '#41B6E6', // NHS light blue, drawn translucent
  parent: '#965240',
  england: '#212B32', // NHS black
  decile: '#0072B2',
  highlight: '#D5281B', // NHS red, as OpenPrescribing draws the organisation
  pcn: '#009E73',
  icb: '#4C6272',
} as const;

/**
 * Colours for categorical series (breakdown values, with/without plan): Okabe-Ito blue, vermillion, bluish green and
 * reddish purple, then brown, NHS purple and NHS grey 1, each at least 3:1 on white (Okabe-Ito orange and sky blue,
 * at 2.25:1 and 2.31:1, were not) and every two at least 15 ΔE apart with normal vision and the three dichromacies.
 */
export const CATEGORY_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#965240', '#330072', '#4C6272'];
