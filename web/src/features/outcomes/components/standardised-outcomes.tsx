import type { StandardisedGroupValue } from '@pcsp/contract/evaluation.contract';
import type { MeasureUnit } from '@pcsp/contract/measures.contract';
import { QueryState } from '../../../components/query-state';
import { formatInterval, formatMonth, formatRate } from '../../../lib/format';
import { useStandardisedOutcomes } from '../api/standardised-api';

const cell = (g: StandardisedGroupValue, unit: MeasureUnit) =>
  g.suppressed ? 'suppressed' : `${formatRate(g.rate, unit)}${g.low !== null ? ` ${formatInterval(g.low, g.high, unit)}` : ''}`;

/** The fair comparison: each outcome with and without a plan, crude and directly standardised for age band, sex and LTC count. */
export function StandardisedOutcomes({ area }: { area: string }) {
  const result = useStandardisedOutcomes(area);
  if (area.startsWith('group:')) return <p>Standardised rates are shown for organisations, not groups.</p>;
  return (
    <QueryState query={result} what="standardised outcomes">
      {(r) => (
        <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Standardised outcomes with and without a plan">
          <table className="nhsuk-table app-table--compact">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">
              {r.org.name}, {formatMonth(r.month)}: standardised to the LTC population of {r.standard.name}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Outcome</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">With a plan, crude</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Without, crude</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">With a plan, standardised (95% interval)</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Without, standardised (95% interval)</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Standard covered</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {r.outcomes.map((o) => {
                const unit = o.unit as MeasureUnit;
                return (
                  <tr className="nhsuk-table__row" key={o.measure}>
                    <th scope="row" className="nhsuk-table__header">{o.title}</th>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatRate(o.withPlan.crudeRate, unit, o.withPlan.suppressed)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatRate(o.withoutPlan.crudeRate, unit, o.withoutPlan.suppressed)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(o.withPlan, unit)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(o.withoutPlan, unit)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{Math.round(100 * o.standardCovered)}%</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="nhsuk-body-s">{r.method} Strata where either group has no one are left out; “standard covered” is the share of the standard population in the strata used.</p>
        </div>
      )}
    </QueryState>
  );
}
