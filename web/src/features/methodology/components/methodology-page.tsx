import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { MEASURE_TERMS } from '@pcsp/analytics/measures/measure-terms';
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
  const { hash } = useLocation();
  // A link to a section (/methodology#alerts) lands on it once the measures above it are drawn: the router does not
  // scroll to a fragment, and the measure cards move every section down as they arrive.
  useEffect(() => {
    if (hash && measures.isSuccess) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash, measures.isSuccess]);
  return (
    <>
      <h1>Methodology</h1>
      <p className="nhsuk-lede-text">How every figure in PCSP Insights is defined and computed.</p>
      <h2>Measures</h2>
      <p>Every measure is computed for each calendar month and each organisation: practice, PCN, sub-ICB location, ICB, region and England. A count at a higher level is the sum of its practices’ counts, and a rate is always the numerator divided by the denominator of those sums, never an average of rates.</p>
      <h3 id="terms">Terms used in the definitions</h3>
      <dl className="nhsuk-summary-list">
        {MEASURE_TERMS.map((t) => (
          <div className="nhsuk-summary-list__row" key={t.id} id={`term-${t.id}`}>
            <dt className="nhsuk-summary-list__key">{t.term}</dt>
            <dd className="nhsuk-summary-list__value">{t.definition}</dd>
          </div>
        ))}
      </dl>
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
                    [
                      'Provisional months',
                      m.followUpDays === undefined
                        ? 'None: every record counted is dated on or before the month’s last day'
                        : `Records dated up to ${m.followUpDays} days after the month’s last day still count, so a month is provisional until ${m.followUpDays} days after it ends: marked on charts and tables, and left out of alerts`,
                    ],
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
      <h3 id="confidence-intervals">Confidence intervals</h3>
      <p>The 95% confidence interval of a rate is the Wilson score interval with z = 1.959964, as Public Health England’s Fingertips computes it. A rate per 1,000 (emergency admissions) has the Wilson interval of admissions divided by people, multiplied by 1,000 as a percentage’s is by 100. Where admissions outnumber people (a rate above 1,000 per 1,000) the Wilson interval does not exist, so the rate is shown without an interval.</p>
      <h3 id="funnel-plots">Funnel plots and flags</h3>
      <p>Each practice is compared with a benchmark rate p₀ (its ICB, its region or England in the same month). The control limits for a practice with denominator n are p₀ ± z·√(p₀(1 − p₀)/n): the 95% limits use z = 1.959964 and the 99.8% limits z = 3.090232. A practice outside the 99.8% limits is flagged as higher or lower than expected; the measure’s direction decides whether that is better or worse. The limits are kept between 0 and 100%. A rate per 1,000 (emergency admissions) has the same limits, with p₀ the benchmark’s admissions divided by its people, multiplied by 1,000 and kept between 0 and 1,000. Where the benchmark has more admissions than people (p₀ above 1) the limits do not exist, so the practices compared with it have no limits and are not flagged. A practice with no limits, because its benchmark has no rate that month or p₀ is above 1, is not compared: the funnel plot draws it as a hollow grey circle with its own legend entry and the tables say “Not compared”, never similar, which would claim a comparison that was not made.</p>
      <p>These limits are the normal approximation to the binomial that the measure definitions set, and they allow for chance alone. Practices also differ for reasons that are not chance (their populations, their list sizes, how they record), so for a measure where they do, many practices can fall outside the limits at once (overdispersion). A flag then says where to look first, not that a practice is unusual among its peers: compare its place on the funnel with the others’, and its trend over time.</p>
      <h3 id="deciles">Deciles</h3>
      <p>The 10th, 20th … 90th percentiles across practices of the month’s rate, counting practices with a denominator of at least 1, with linear interpolation between order statistics. For the count of overdue reviews they are percentiles of the practices’ counts, a practice with people registered and none overdue counting as 0. As on OpenPrescribing, they are of every practice in England, whoever is signed in: percentiles of thousands of practices name none of them. The report card can spread them over the organisation’s ICB instead, where you may see that ICB; the chart says which, and of how many practices. Charts draw them as OpenPrescribing does: dashed blue lines for the deciles, a solid blue line for the median and the chosen organisation in red.</p>
      <h3 id="change-over-time">Change over time</h3>
      <p>Changes compare a month with the same month 12 months before, a month with 3 months before, or the latest 3 months with the same 3 months a year earlier; for 3 months, each period’s numerators and denominators are summed over its months (so a person counts once in each month), and a count, the number at each month’s end, is its average a month: its 3 months’ counts added up and divided by 3, so that it compares with a single month’s. A change whose earlier period begins before the first month of the figures has none, rather than one from fewer months than it names. The 95% interval of a change in a percentage is Newcombe’s method built from the two Wilson intervals; of a change in a rate per 1,000 (emergency admissions, several to a person), the normal approximation to the difference of two Poisson rates, (O₁/n₁ − O₂/n₂) ± z·√(O₁/n₁² + O₂/n₂²); a change in a count has no interval. A change is significant where its interval leaves out 0. The intervals treat the two periods as independent samples, though many of the same people (and, 3 months apart, 9 of the 12 months’ plans) are in both, so they are if anything too wide.</p>
      <h3 id="slope-index-of-inequality">Slope index of inequality</h3>
      <p>Beside the gap between the most and least deprived fifths, the Inequalities page gives the slope index of inequality (SII) across all five IMD quintiles, as Public Health England’s PHEindicatormethods (phe_sii) and Fingertips compute it (Low and Low, 2004). The quintiles are ordered from the least deprived (5) to the most deprived (1), and each is given a relative rank x, the midpoint of its share of the population in the cumulative distribution (x₁ = a₁/2, x₂ = a₁ + a₂/2, …, where a is the quintile’s denominator over the five quintiles’ total). A line is fitted to the quintiles’ rates against their ranks by least squares weighted by their denominators. The SII is the line’s value at the most deprived end (x = 1) minus its value at the least deprived end (x = 0), which is its slope: the modelled difference most deprived minus least deprived, in percentage points or per 1,000, the same way round as the gap. Below zero, the most deprived have the lower rate, which is worse where higher is better. Each quintile’s standard error comes from its own 95% interval, se = (upper − lower)/(2 × 1.959964). PHE finds the 95% interval by simulation: it draws each quintile’s rate 100,000 times from a normal distribution with that standard error and takes percentiles of the slopes. The slope is a weighted sum of the rates, Σ cᵢyᵢ with cᵢ = nᵢ(xᵢ − x̄)/Σ nⱼ(xⱼ − x̄)² (x̄ the mean rank weighted by the denominators), so those slopes are normal and their percentiles converge to SII ± 1.959964 × √(Σ cᵢ² seᵢ²). That limit is computed here exactly, with no random numbers, so the same figures always give the same interval. The SII is worked out from the figures the page shows, after disclosure control (rates and denominators from rounded counts where counts are rounded): a month has one only when all five quintiles have a rate that is not suppressed, an interval and a denominator above 0. People whose quintile is unknown are on neither end of the scale and are left out. When the latest month has no SII, the page says which quintiles are suppressed or missing. A count has no rates, so it has no SII.</p>
      <h3 id="direct-standardisation">Fair outcome comparison (direct standardisation)</h3>
      <p>Outcomes for people with and without a plan are directly standardised for age band (0–17, 18–39, 40–64, 65–79, 80+), sex and LTC count (1, 2, 3, 4+) to the LTC population of the organisation’s ICB (England’s above ICB level) in the same month: each stratum’s rate is weighted by that stratum’s share of the standard population. Both groups use the same strata, those where each group has people and no count is suppressed; the share of the standard population those strata hold is shown. The 95% interval is Dobson’s method as Fingertips computes it: the limits of the total count (Byar’s approximation, exact below 10) carried to the rate through the rate’s Poisson variance. For a percentage this is a little wider than a binomial interval, and its upper limit is cut at 100%. No interval is given below 10 events. Each plan group is a breakdown, so its counts are rounded before anything is worked out from them: its crude rate from its rounded events and people, and its standardised rate and interval from its strata rounded to the nearest 5 (events, people and the standard’s people), a stratum with a count of 1 to 7 in either group being left out of both. Worked out from exact counts, the interval would give the group’s exact number of events. At small numbers the rounding can move a standardised rate a good deal, so read a practice’s with care. Both groups’ rates are hidden where either group’s events or people would be suppressed. The share of the standard population covered is given in whole percent.</p>
      <h3 id="training-evaluation">Training programme evaluation</h3>
      <p>For each practice with training in training.csv (its first training; refreshers are ignored), the training month T is the month of the training date. <strong>Interrupted time series:</strong> monthly plan coverage from 24 months before T to 23 months after is fitted by segmented regression, coverage = β₀ + β₁·(t − T) + β₂·after + β₃·(t − T)·after, with at least 6 months on each side: β₂ is the level change at training, β₃ the change in slope, β₂ + 12β₃ the difference from the old trend a year on. Because each month’s coverage shares 11 of its 12 window months with the month before, standard errors are Newey–West with a lag of 12. <strong>Difference in differences:</strong> the change in a practice’s coverage from month T − 1 (plans agreed wholly before training) to month T + 12 (plans agreed wholly after) minus the same change in the practices not trained by T + 12, their counts summed. <strong>Pooling:</strong> the time-series changes are pooled across the area’s practices by DerSimonian–Laird random effects; the differences in differences are averaged, with a jackknife standard error (each practice, trained or control, left out in turn) because practices share their controls. All intervals are 95% (normal approximation). On a generated population in which training raises the chance of a plan by a known amount, the evaluation recovers the effect measured against the same population without training (a test).</p>
      <h3 id="statistical-process-control">Statistical process control (Making Data Count)</h3>
      <p>Any trend can be shown as an XmR chart, as NHS England’s Making Data Count describes: the mean of the months shown and process limits at the mean ± 2.66 × the mean moving range, or, where more than 12 months are shown and the user chooses it, the mean and limits of the first 12 months (a baseline), against which the later months are judged, as Making Data Count advises once a process has changed. A month is special cause when it is outside the limits, in a run of 7 or more on one side of the mean, in a run of 7 or more each higher (or lower) than the one before, or one of 2 in 3 consecutive months beyond two thirds of the way to the same limit. Special causes are improvement (blue) or concern (orange) according to the measure’s direction, or neither (purple) for measures without one. The variation icon shows the latest month’s state; given a target (the one that applies to the organisation, its own or else the nearest area’s above it, as for projections below, unless the user types another), the assurance icon says whether it is always met (beyond the limits on the good side), never met, or hit and miss (inside the limits). Limits from fewer than 15 months should be read with care. Where a process changed for a known reason (a new service started, say), the user can recalculate the limits from a chosen month: the chart then has two phases, each with its own mean and limits from its own months only; the rules are applied within each phase, a run does not carry across the recalculation, and the step into the new phase is left out of its mean moving range. The icons are then those of the latest phase; each phase needs at least 2 months (Making Data Count advises at least 12 where possible), and a baseline of the first 12 months, if chosen, applies to the first phase only. Provisional months (below) are shown on the chart but left out of the mean, limits, rules and icons.</p>
      <h3 id="targets">Targets and projections</h3>
      <p>An administrator sets a target per measure and area: a rate (or a count, for a count measure) to reach by a target month. An area without a target of its own takes the nearest one above it (a PCN its ICB’s, everyone England’s national ambition). <strong>Trend:</strong> an ordinary least squares line is fitted to the area’s rates in the 12 months up to the measure’s latest final month (a provisional month, whose figures can still rise, is shown but not fitted; months without a rate are left out; at least 3 rates are needed). <strong>Projection:</strong> the line is extended to the target month, x₀ months ahead, with a 95% prediction interval for a single month’s rate, ŷ ± t·s·√(1 + 1/n + (x₀ − x̄)²/Sxx), where s is the residual standard error, n the number of months fitted and t the 97.5% quantile of Student’s t distribution with n − 2 degrees of freedom (2.228 for 12 months). The projection and its interval are kept within what the measure can be (0 to 100 for a percentage). <strong>On track:</strong> the area is on track when the whole interval meets the target (its worse end does), off track when none of it does (not even its better end), and uncertain when the interval straddles the target; once the latest final month is the target month or after it, the target is met or missed by the latest rate. <strong>Gap:</strong> the latest rate’s shortfall from the target in the measure’s direction (negative when beyond it); practices and PCNs are ranked by their gap at that latest final month, the largest shortfall first, equal gaps sharing a rank, and those without a rate that month last, unranked.</p>
      <h3 id="alerts">Alerts</h3>
      <p>A practice is listed for a measure with a direction (better higher or better lower) when, in the latest month (for a measure whose latest month is still provisional, the latest month that is not, which the alert names): <strong>(1)</strong> its rate is beyond the 99.8% funnel limit around its ICB’s rate on the worse side, and was not beyond it in any of the 12 months before (a first time, so that a practice long below the limit is not listed every week); or <strong>(2)</strong> on the XmR chart of its last 24 months (drawn from at least 12 months with a rate; months without one are left out), the latest month is a special cause of concern under the rules above (outside the process limits, a run of 7 on the worse side or in the worse direction, or 2 of 3 beyond two thirds of the way to the worse limit). The count of overdue reviews has no funnel limits and raises no alerts. Alerts are listed on the overview for the user’s area. Each week (Monday 07:00 unless configured otherwise) users whose area has alerts are sent them by email (a practice user: their own practice); administrators, who have no area, get none, and anyone can turn the email off on the overview.</p>
      <h3 id="provisional-months">Provisional months</h3>
      <p>A measure that counts records dated after the month’s last day M (plan shared: a plan agreed on M counts if it is shared up to 28 days later) says for how many days, its follow-up days F. Month m is provisional in a snapshot refreshed on date R when M + F is on or after R: records that would count may not be in the extract yet, so the figure is likely to be low and to rise at the next refresh. Provisional months are drawn as hollow points at the end of a dashed line, marked “(provisional)” in tables and on report cards, and are not judged for alerts: a measure whose latest month is provisional is judged at its latest final month instead, one month earlier, and its alert names that month. A comparison of practices in a provisional month says so beside the month, on the funnel plot and in its CSV, and its changes, which end in that month, are likely understated. The deciles chart shades its provisional months and labels them. A target’s projection is fitted to the 12 months to the latest final month and its gaps are measured there; a provisional month is shown on the chart but not fitted. The measure’s definition is unchanged. The rule counts from the refresh date, so it assumes the records are extracted shortly before each refresh: an extract taken weeks before the refresh leaves the months just before it short of records the rule calls final, so refresh soon after each extract.</p>
      <h3 id="disclosure-control">Disclosure control</h3>
      <p>Counts for a breakdown (any split finer than the whole practice) are suppressed where they are 1 to 7, and otherwise rounded to the nearest 5, the NHS Digital rule for sub-national counts. A rate is hidden where its numerator or denominator is suppressed, and otherwise computed from the rounded counts. Whole-organisation totals are shown unrounded to users who may see that organisation. Hidden values are marked “suppressed”, never shown as 0. Disclosure control is on unless the deployment turns it off (DISCLOSURE_CONTROL=off); the thresholds are fixed.</p>
    </>
  );
}
