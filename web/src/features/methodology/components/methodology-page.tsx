import { QueryState } from '../../../components/query-state';
import { formatBreakdown } from '../../../lib/format';
import { useMeasures } from '../../../lib/queries';
import { useDocumentTitle } from '../../../lib/use-document-title';

const DIRECTIONS: Record<string, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  neither: 'Neither higher nor lower is better',
};

export function MethodologyPage() {
  useDocumentTitle('Methodology');
  const measures = useMeasures();
  return (
    <>
      <h1>Methodology</h1>
      <p className="nhsuk-lede-text">How every figure in PCSP Insights is defined and computed.</p>
      <h2>Measures</h2>
      <p>Every measure is computed for each calendar month and each organisation: practice, PCN, sub-ICB location, ICB, region and England. A count at a higher level is the sum of its practices’ counts, and a rate is always the numerator divided by the denominator of those sums, never an average of rates.</p>
      <QueryState query={measures} what="measure definitions" isEmpty={(list) => list.length === 0}>
        {(list) =>
          list.map((m) => (
            <section key={m.id} className="nhsuk-card" aria-labelledby={`measure-${m.id}`}>
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading" id={`measure-${m.id}`}>
                  {m.title}
                </h3>
                <p className="nhsuk-card__description">{m.description}</p>
                <dl className="nhsuk-summary-list">
                  {[
                    ['Identifier', m.id],
                    ['Section', m.specSection],
                    ['Numerator', m.numerator],
                    ['Denominator', m.denominator ?? 'None: this measure is a count'],
                    ['Unit', m.unit],
                    ['Direction', DIRECTIONS[m.direction] ?? m.direction],
                    ['Breakdowns', m.breakdowns.length ? m.breakdowns.map(formatBreakdown).join(', ') : 'None'],
                    ['With and without a plan', m.planSplit ? 'Yes' : 'No'],
                    ['Author', m.author],
                    ['Checked by', m.checkedBy ?? 'Not yet checked'],
                    ['Date reviewed', m.dateReviewed],
                  ].map(([key, value]) => (
                    <div className="nhsuk-summary-list__row" key={key}>
                      <dt className="nhsuk-summary-list__key">{key}</dt>
                      <dd className="nhsuk-summary-list__value">{value}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            </section>
          ))
        }
      </QueryState>

      <h2>Statistics</h2>
      <h3>Confidence intervals</h3>
      <p>The 95% confidence interval of a rate is the Wilson score interval with z = 1.959964, as Public Health England’s Fingertips computes it. A rate per 1,000 uses the exact Poisson interval (Byar’s approximation for larger counts).</p>
      <h3>Funnel plots and flags</h3>
      <p>Each practice is compared with a benchmark rate p₀ (its ICB, its region or England in the same month). The control limits for a practice with denominator n are p₀ ± z·√(p₀(1 − p₀)/n): the 95% limits use z = 1.959964 and the 99.8% limits z = 3.090232. A practice outside the 99.8% limits is flagged as higher or lower than expected; the measure’s direction decides whether that is better or worse.</p>
      <h3>Deciles</h3>
      <p>The 10th, 20th … 90th percentiles across practices of the month’s rate, counting practices with a denominator of at least 1, with linear interpolation between order statistics. Charts draw them as OpenPrescribing does: dashed blue lines for the deciles, a solid blue line for the median and the chosen organisation in red.</p>
      <h3>Change over time</h3>
      <p>Changes compare a month with 12 months before (or a quarter with the one before, or the same quarter a year earlier); the interval of a difference of two rates is Newcombe’s method built from the two Wilson intervals.</p>
      <h3>Disclosure control</h3>
      <p>Counts for a breakdown (any split finer than the whole practice) are suppressed where they are 1 to 7, and otherwise rounded to the nearest 5, the NHS Digital rule for sub-national counts. A rate is hidden where its numerator or denominator is suppressed, and otherwise computed from the rounded counts. Whole-organisation totals are shown unrounded to users who may see that organisation. Hidden values are marked “suppressed”, never shown as 0.</p>
    </>
  );
}
