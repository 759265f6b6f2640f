import type { ComparisonClass } from '@pcsp/contract/compare.contract';
import { NOT_COMPARED } from '../charts/palette';

/** In the hue of each class's colour on charts (COMPARISON_COLOURS); the orange and yellow tags had looked alike. */
const TAGS: Record<ComparisonClass, { text: string; modifier: string }> = {
  better: { text: 'Better', modifier: 'nhsuk-tag--blue' },
  worse: { text: 'Worse', modifier: 'nhsuk-tag--orange' },
  similar: { text: 'Similar', modifier: 'nhsuk-tag--grey' },
  lower: { text: 'Lower', modifier: 'nhsuk-tag--pink' },
  higher: { text: 'Higher', modifier: 'nhsuk-tag--aqua-green' },
};

/**
 * An NHS tag for a comparison (words as well as colour). `value` is the figure compared: one the API gave no limits to
 * judge (a count, no benchmark rate, or p0 above 1) is not compared, never similar; without a figure there is nothing
 * to compare.
 */
export function ComparisonTag({ comparison, value }: { comparison: ComparisonClass | null; value: number | null }) {
  if (!comparison) {
    return value === null ? <span className="app-muted">no comparison</span> : <strong className="nhsuk-tag nhsuk-tag--white">{NOT_COMPARED.label}</strong>;
  }
  const tag = TAGS[comparison];
  return <strong className={`nhsuk-tag ${tag.modifier}`}>{tag.text}</strong>;
}
