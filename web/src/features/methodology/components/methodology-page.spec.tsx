import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import { MEASURES } from '@pcsp/analytics/measures/measure-registry';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';
import { recordScrollIntoView } from '../../../test/scroll-into-view';

const scrolled = recordScrollIntoView();

/** The text of the paragraph under a level-3 heading of the page. */
const paragraphAfter = async (heading: string): Promise<string> =>
  (await screen.findByRole('heading', { level: 3, name: heading })).nextElementSibling?.textContent ?? '';

describe('methodology page', () => {
  it('shows every measure of the registry with its definition', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    await screen.findByRole('heading', { level: 3, name: MEASURES[0]!.title });
    const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    for (const m of MEASURES) expect(titles).toContain(m.title);
    expect(screen.getAllByText(MEASURES[0]!.numerator)).toHaveLength(1);
    expect(screen.getByText(/z = 3.090232/)).toBeTruthy();
  });

  it('defines the terms the definitions are written in, before the measures, each with its anchor', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const heading = await screen.findByRole('heading', { level: 3, name: 'Terms used in the definitions' });
    const list = heading.nextElementSibling as HTMLElement;
    const terms = [...list.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(terms).toEqual([
      'm and M', 'Window of m', 'Registered at M', 'On the LTC register at M', 'LTC count at M', 'Plan current at M', 'PCA at M',
      'Due date of a plan', 'Reviewed on time', 'Latest observation in the window', 'Age band at M',
    ]);
    const definitionOf = (id: string) => document.getElementById(`term-${id}`)?.querySelector('dd')?.textContent;
    expect(definitionOf('registered')).toBe(
      'A registration that began on or before M and had not ended by M (no end date, or one after M), of a patient who had not died by M (no date of death, or one after M). Where a patient’s registrations overlap, the one that began later holds (of two begun the same day, the one imported later: a later row of registrations.csv, or a later import); when it ends, an earlier one still in force holds again. A patient counts at one practice only. The same rule gives the practice where a patient was registered on any other day, such as a plan’s agreed_on or its due date.',
    );
    expect(definitionOf('window')).toBe(
      'The 12 calendar months ending with m, from the 1st of month m − 11 to M. A plan agreed on 1 March 2024 is in the windows of March 2024 to February 2025.',
    );
    expect(definitionOf('due-date')).toBe(
      'The plan’s review_due_on, or where that is empty, agreed_on plus 12 months (a plan agreed on 29 February is due on 28 February the next year).',
    );
    // plan-process.sql.ts: a review BETWEEN agreed_on AND due_on, or the patient's next plan day (strictly later) <= due_on.
    expect(definitionOf('reviewed-on-time')).toBe(
      'A plan with a review dated from its agreed_on to its due date, both days included, or whose patient has another plan agreed on a later day, on or before the due date, at any practice. Of two plans agreed the same day, neither is the later plan of the other.',
    );
    // patient-state.sql.ts orders a patient's observations of a code by (observed_on, id), and the importer gives ids
    // in the order rows are imported (file order, then later imports).
    expect(definitionOf('latest-observation')).toBe(
      'Of a patient’s observations of one kind (PAM level, HbA1c, PHQ-9) dated in the window of m, the one with the latest date; of two on the same day, the one imported later (a later row of observations.csv, or a later import), since the extract gives no time of day.',
    );
    // Before the first measure's card, whose numerator uses them.
    const firstMeasure = await screen.findByRole('heading', { level: 3, name: MEASURES[0]!.title });
    expect(heading.compareDocumentPosition(firstMeasure) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('lands a link to a section (/methodology#alerts) on its heading once the measures above it are drawn, and scrolls nowhere without one', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology#alerts');
    await screen.findByRole('heading', { level: 3, name: MEASURES[0]!.title });
    expect(scrolled.map((e) => [e.tagName, e.id, e.textContent])).toEqual([['H3', 'alerts', 'Alerts']]);
    scrolled.length = 0;
    renderAt(routes, '/methodology');
    await screen.findAllByRole('heading', { level: 3, name: MEASURES[0]!.title });
    expect(scrolled).toEqual([]);
  });

  it('gives the funnel limits the engine draws: binomial for percentages and rates per 1,000 alike, none where p₀ > 1', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const funnels = await paragraphAfter('Funnel plots and flags');
    expect(funnels).toContain('p₀ ± z·√(p₀(1 − p₀)/n)');
    expect(funnels).toContain(
      'A rate per 1,000 (emergency admissions) has the same limits, with p₀ the benchmark’s admissions divided by its people, multiplied by 1,000 and kept between 0 and 1,000.',
    );
    expect(funnels).toContain('Where the benchmark has more admissions than people (p₀ above 1) the limits do not exist, so the practices compared with it have no limits and are not flagged.');
    expect(funnels).not.toContain('Poisson');
  });

  it('says when and why a practice is not compared, and how it is shown', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    expect(await paragraphAfter('Funnel plots and flags')).toContain(
      'A practice with no limits, because its benchmark has no rate that month or p₀ is above 1, is not compared: the funnel plot draws it as a hollow grey circle with its own legend entry and the tables say “Not compared”, never similar, which would claim a comparison that was not made.',
    );
  });

  it('says the funnel limits allow for chance alone, and what a flag means when many practices fall outside them', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const heading = await screen.findByRole('heading', { level: 3, name: 'Funnel plots and flags' });
    expect(heading.nextElementSibling?.nextElementSibling?.textContent).toBe(
      'These limits are the normal approximation to the binomial that the measure definitions set, and they allow for chance alone. Practices also differ for ' +
        'reasons that are not chance (their populations, their list sizes, how they record), so for a measure where they do, many practices can fall outside ' +
        'the limits at once (overdispersion). A flag then says where to look first, not that a practice is unusual among its peers: compare its place on the ' +
        'funnel with the others’, and its trend over time.',
    );
  });

  it('gives a rate per 1,000 the Wilson interval, and none where admissions outnumber people', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const intervals = await paragraphAfter('Confidence intervals');
    expect(intervals).toContain('A rate per 1,000 (emergency admissions) has the Wilson interval of admissions divided by people, multiplied by 1,000');
    expect(intervals).toContain('Where admissions outnumber people (a rate above 1,000 per 1,000) the Wilson interval does not exist, so the rate is shown without an interval.');
    expect(intervals).not.toContain('Poisson');
  });

  it('warns that the latest month of plans shared can be low until the records of sharing are in', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    await screen.findByRole('heading', { level: 3, name: 'Plan shared with the person' });
    expect(screen.getByText(/A plan agreed in the 28 days before the records were extracted may not be shared yet/)).toBeTruthy();
  });

  it('gives each measure’s provisional months from its follow-up days, and says what is done with them', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    // The value beside the key 'Provisional months' in a measure's card.
    const provisional = async (title: string) => {
      const card = await screen.findByRole('region', { name: title });
      return within(card).getByText('Provisional months').nextElementSibling?.textContent;
    };
    expect(await provisional('Plan shared with the person')).toBe(
      'Records dated up to 28 days after the month’s last day still count, so a month is provisional until 28 days after it ends: marked on charts and tables, and left out of alerts',
    );
    expect(await provisional('Preparation before the conversation')).toBe('None: every record counted is dated on or before the month’s last day');
    const rule = await paragraphAfter('Provisional months');
    expect(rule).toContain('Month m is provisional in a snapshot refreshed on date R when M + F is on or after R');
    expect(rule).toContain('judged at its latest final month instead');
    expect(rule).toContain('A comparison of practices in a provisional month says so beside the month, on the funnel plot and in its CSV, and its changes, which end in that month, are likely understated.');
    expect(rule).toContain('The deciles chart shades its provisional months and labels them.');
    expect(rule).toContain('A target’s projection is fitted to the 12 months to the latest final month and its gaps are measured there; a provisional month is shown on the chart but not fitted.');
    expect(await paragraphAfter('Alerts')).toContain('for a measure whose latest month is still provisional, the latest month that is not, which the alert names');
    expect(document.body.textContent).toContain('The rule counts from the refresh date, so it assumes the records are extracted shortly before each refresh');
  });

  it('gives the interval of a change for a percentage, a rate per 1,000 and a count', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const changes = (await screen.findByText(/^Changes compare a month/)).textContent ?? '';
    expect(changes).toContain('Newcombe’s method built from the two Wilson intervals');
    expect(changes).toContain('(O₁/n₁ − O₂/n₂) ± z·√(O₁/n₁² + O₂/n₂²)');
    expect(changes).toContain('a change in a count has no interval');
    // figures.ts changeWindows and PERIOD_TOTALS_SQL: year-on-year sums each period's three monthly cells; changeOf
    // divides a count's sum by the period's 3 months (a stock at each month's end: 14 + 15 + 17 is 15.3 a month).
    expect(changes).toContain(
      'for 3 months, each period’s numerators and denominators are summed over its months (so a person counts once in each month), and a count, the number at each month’s end, is its average a month: its 3 months’ counts added up and divided by 3, so that it compares with a single month’s.',
    );
    // measures.service.ts compare: a period beginning before the snapshot's first month gives no totals.
    expect(changes).toContain('A change whose earlier period begins before the first month of the figures has none, rather than one from fewer months than it names.');
    expect(changes).toContain('The intervals treat the two periods as independent samples');
  });

  it('says the standardised outcomes are worked out from rounded strata, and why', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const fair = await paragraphAfter('Fair outcome comparison (direct standardisation)');
    expect(fair).toContain('its standardised rate and interval from its strata rounded to the nearest 5');
    expect(fair).toContain('a stratum with a count of 1 to 7 in either group being left out of both');
    expect(fair).toContain('Worked out from exact counts, the interval would give the group’s exact number of events.');
  });

  it('describes how targets are projected and judged, and when a practice raises an alert', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const targets = await paragraphAfter('Targets and projections');
    expect(targets).toContain(
      'ordinary least squares line is fitted to the area’s rates in the 12 months up to the measure’s latest final month (a provisional month, whose figures can still rise, is shown but not fitted;',
    );
    expect(targets).toContain('ŷ ± t·s·√(1 + 1/n + (x₀ − x̄)²/Sxx)');
    expect(targets).toContain('97.5% quantile of Student’s t distribution with n − 2 degrees of freedom');
    expect(targets).toContain('on track when the whole interval meets the target');
    expect(targets).toContain('uncertain when the interval straddles the target');
    expect(targets).toContain('ranked by their gap at that latest final month');
    const spc = await paragraphAfter('Statistical process control (Making Data Count)');
    expect(spc).toContain('given a target (the one that applies to the organisation, its own or else the nearest area’s above it');
    expect(spc).toContain('the mean and limits of the first 12 months (a baseline), against which the later months are judged');
    expect(spc).toContain('recalculate the limits from a chosen month: the chart then has two phases, each with its own mean and limits from its own months only');
    expect(spc).toContain('the step into the new phase is left out of its mean moving range');
    expect(spc).toContain('Provisional months (below) are shown on the chart but left out of the mean, limits, rules and icons');
    const alerts = await paragraphAfter('Alerts');
    expect(alerts).toContain('beyond the 99.8% funnel limit around its ICB’s rate on the worse side, and was not beyond it in any of the 12 months before');
    expect(alerts).toContain('special cause of concern');
    expect(alerts).toContain('turn the email off');
    // PRACTICE_ALERT_MONTHS_SQL reads funnel_limits, which has no count measure; practiceAlert charts the months given.
    expect(alerts).toContain('The count of overdue reviews has no funnel limits and raises no alerts.');
    expect(alerts).toContain('drawn from at least 12 months with a rate; months without one are left out');
    // targetProgress: met or missed once the target month is at or before the latest final month with a rate (ahead ≤ 0).
    expect(targets).toContain('once the latest final month is the target month or after it, the target is met or missed by the latest rate');
    // AREA_DECILES_SQL: a count measure's deciles are of the counts, the zero cells of OVERDUE_ZERO_CELLS_SQL among them.
    expect(await paragraphAfter('Deciles')).toContain(
      'For the count of overdue reviews they are percentiles of the practices’ counts, a practice with people registered and none overdue counting as 0.',
    );
  });

  it('gives the disclosure rule and says it is on unless the deployment turns it off', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    // analytics/src/disclosure.ts: counts 1 to 7 suppressed, others to the nearest 5; app-config.ts: DISCLOSURE_CONTROL on or off only.
    expect(await paragraphAfter('Disclosure control')).toBe(
      'Counts for a breakdown (any split finer than the whole practice) are suppressed where they are 1 to 7, and otherwise rounded to the nearest 5, the NHS Digital rule for sub-national counts. A rate is hidden where its numerator or denominator is suppressed, and otherwise computed from the rounded counts. Whole-organisation totals are shown unrounded to users who may see that organisation. Hidden values are marked “suppressed”, never shown as 0. Disclosure control is on unless the deployment turns it off (DISCLOSURE_CONTROL=off); the thresholds are fixed.',
    );
  });

  it('describes the slope index of inequality: its orientation, its exact interval and when a month has none', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/methodology');
    const sii = await paragraphAfter('Slope index of inequality');
    expect(sii).toContain('as Public Health England’s PHEindicatormethods (phe_sii) and Fingertips compute it (Low and Low, 2004)');
    expect(sii).toContain('ordered from the least deprived (5) to the most deprived (1)');
    expect(sii).toContain('x₁ = a₁/2, x₂ = a₁ + a₂/2');
    expect(sii).toContain('least squares weighted by their denominators');
    expect(sii).toContain('the modelled difference most deprived minus least deprived, in percentage points or per 1,000, the same way round as the gap');
    expect(sii).toContain('se = (upper − lower)/(2 × 1.959964)');
    expect(sii).toContain('converge to SII ± 1.959964 × √(Σ cᵢ² seᵢ²). That limit is computed here exactly, with no random numbers');
    expect(sii).toContain('a month has one only when all five quintiles have a rate that is not suppressed, an interval and a denominator above 0');
    expect(sii).toContain('People whose quintile is unknown are on neither end of the scale and are left out.');
    expect(sii).toContain('A count has no rates, so it has no SII.');
  });
});
