import type { ComparisonClass } from '@pcsp/contract/compare.contract';

/** In the hue of each class's colour on charts (COMPARISON_COLOURS); the orange and yellow tags had looked alike. */
const TAGS: Record<ComparisonClass, { text: string; modifier: string }> = {
  better: { text: 'Better', modifier: 'nhsuk-tag--blue' },
  worse: { text: 'Worse', modifier: 'nhsuk-tag--orange' },
  similar: { text: 'Similar', modifier: 'nhsuk-tag--grey' },
  lower: { text: 'Lower', modifier: 'nhsuk-tag--pink' },
  higher: { text: 'Higher', modifier: 'nhsuk-tag--aqua-green' },
};

/** An NHS tag for a comparison (words as well as colour). */
export function ComparisonTag({ comparison }: { comparison: ComparisonClass | null }) {
  if (!comparison) return <span className="app-muted">no comparison</span>;
  const tag = TAGS[comparison];
  return <strong className={`nhsuk-tag ${tag.modifier}`}>{tag.text}</strong>;
}
