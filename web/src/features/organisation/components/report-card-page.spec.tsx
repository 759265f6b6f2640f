import '../../../test/polyfills';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { card as summaryCard, DECILES, PRACTICE, seriesOf, standardApi, SUMMARY, SNAPSHOT_MONTHS_TWO_MEASURES } from '../../../test/api-fixtures';
import { practiceApi } from '../../../test/practice-api';
import { seriesPoint } from '../../../test/fixtures';
import { installFakeApi, renderAt, SESSION } from '../../../test/render-app';

const problem = (status: number, detail: string) => ({ status, body: { type: 'about:blank', title: status === 404 ? 'Not Found' : 'Forbidden', status, detail } });
/** Requests for a card's figures, which a card that cannot be shown must not make. */
const figureRequests = (requests: { url: string }[]) => requests.filter((r) => /\/summary|\/series|\/deciles|\/orgs\?/.test(r.url)).map((r) => r.url);

/** A change cell's lines: the change (with its provisional marking) and, where the API judged it, whether it is significant. */
const changeLines = (cell: HTMLElement) => {
  const significance = cell.querySelector('[data-testid="card-change-significance"]');
  const change = [...cell.childNodes].filter((n) => n !== significance).map((n) => n.textContent).join('');
  return significance ? [change, significance.textContent] : [change];
};

const PRACTICE_ORG = { code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const };

describe('report card page', () => {
  it('shows every measure against its peers', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/org/A00001');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toContain('Hill Street Practice');
    const card = await screen.findByTestId('report-card');
    const coverage = card.querySelector('tr[data-measure="plan_coverage"]')!;
    // The fixture's cards have different peer areas, so each rank names its own.
    expect(within(coverage as HTMLElement).getByText('2 of 7 in North Region')).toBeTruthy();
    expect(within(card).getByRole('columnheader', { name: 'Rank among peers' })).toBeTruthy();
    expect(within(coverage as HTMLElement).getByText('Better')).toBeTruthy();
    // Overdue reviews is a count (1,532): no funnel limits judge it, so it is not compared, never similar.
    const overdue = card.querySelector('tr[data-measure="overdue_reviews"]') as HTMLElement;
    expect(within(overdue).getByTestId('card-comparison').textContent).toBe('Not compared');
  });

  it('says provisional beside a value whose month can still change, and nowhere else', async () => {
    const shared = summaryCard({ measure: 'plan_shared', title: 'Plan shared with the person', numerator: 20, denominator: 40, rate: 50, provisional: true });
    installFakeApi(standardApi({ '/orgs/A00001/summary': { body: { ...SUMMARY, cards: [...SUMMARY.cards, shared] } } }));
    renderAt(routes, '/org/A00001');
    const card = await screen.findByTestId('report-card');
    const value = (measure: string) => within(card.querySelector(`tr[data-measure="${measure}"]`) as HTMLElement).getByTestId('card-value').textContent;
    expect(value('plan_shared')).toBe('50.0% (provisional)');
    expect(value('plan_coverage')).toBe('50.0%');
    expect(value('overdue_reviews')).toBe('1,532');
  });

  it('marks a provisional month’s 12-month change and flag too, and says under the table why', async () => {
    const change = { period: '12m' as const, fromFirstMonth: '2025-10', fromMonth: '2025-10', toFirstMonth: '2026-10', toMonth: '2026-10', previousRate: 55, currentRate: 50, difference: -5, low: -7, high: -3, significance: 'worse' as const };
    const peers = { ...SUMMARY.cards[1]!.peers, comparison: 'worse' as const };
    const shared = summaryCard({ measure: 'plan_shared', title: 'Plan shared with the person', numerator: 20, denominator: 40, rate: 50, provisional: true, change, peers });
    installFakeApi(standardApi({ '/orgs/A00001/summary': { body: { ...SUMMARY, cards: [...SUMMARY.cards, shared] } } }));
    renderAt(routes, '/org/A00001');
    const card = await screen.findByTestId('report-card');
    const row = (measure: string) => within(card.querySelector(`tr[data-measure="${measure}"]`) as HTMLElement);
    // 55.0% a year before, 50.0% now: −5.0 points, judged on the provisional October; its significance on a line of its own.
    expect(changeLines(row('plan_shared').getByTestId('card-change'))).toEqual(['−5.0 percentage points (provisional)', 'A significant worsening']);
    expect(row('plan_shared').getByTestId('card-comparison').textContent).toBe('Worse (provisional)');
    expect(changeLines(row('plan_coverage').getByTestId('card-change'))).toEqual(['+3.2 percentage points', 'A significant improvement']);
    expect(row('plan_coverage').getByTestId('card-comparison').textContent).toBe('Better');
    expect(screen.getByTestId('report-card-provisional').textContent?.replace(/\s+/g, ' ')).toBe(
      'October 2026 is provisional for plan shared with the person: its value, change and comparison are of a month whose figures may rise at the next ' +
        'refresh. The change is likely understated: a rise may prove larger, and a fall smaller, once the month is final.',
    );
  });

  it('says under each 12-month change whether it is significant, in the overview tiles’ words, and what significant means', async () => {
    // The card's rate (or count) now, and the change from a year before, which gives the earlier figure.
    const change = (now: number, difference: number, significance: 'better' | 'worse' | 'similar' | null) =>
      ({ period: '12m' as const, fromFirstMonth: '2025-10', fromMonth: '2025-10', toFirstMonth: '2026-10', toMonth: '2026-10', previousRate: now - difference, currentRate: now, difference, low: null, high: null, significance });
    const cards = [
      // The fixture's plan coverage: +3.2 points, its interval 2.5 to 3.9 leaving out 0 on the better side.
      SUMMARY.cards[1]!,
      summaryCard({ measure: 'review_completion', title: 'Reviews completed on time', numerator: 30, denominator: 60, rate: 50, change: change(50, -4, 'worse') }),
      summaryCard({ measure: 'activation', title: 'Patient activation', numerator: 12, denominator: 48, rate: 25, change: change(25, 0.4, 'similar') }),
      // A count's change has no interval: the API gives no significance, so nothing is said of it.
      summaryCard({ measure: 'overdue_reviews', title: 'Overdue reviews', unit: 'count', direction: 'lower_is_better', numerator: 1532, change: change(1532, 12, null) }),
    ];
    installFakeApi(standardApi({ '/orgs/A00001/summary': { body: { ...SUMMARY, cards } } }));
    renderAt(routes, '/org/A00001');
    const card = await screen.findByTestId('report-card');
    const lines = (measure: string) => changeLines(within(card.querySelector(`tr[data-measure="${measure}"]`) as HTMLElement).getByTestId('card-change'));
    expect(lines('plan_coverage')).toEqual(['+3.2 percentage points', 'A significant improvement']);
    expect(lines('review_completion')).toEqual(['−4.0 percentage points', 'A significant worsening']);
    expect(lines('activation')).toEqual(['+0.4 percentage points', 'No significant change']);
    expect(lines('overdue_reviews')).toEqual(['+12']);
    // The second line is smaller than the cell's text and set apart from the figure by colour as well as by its own line.
    const significance = within(card.querySelector('tr[data-measure="activation"]') as HTMLElement).getByTestId('card-change-significance');
    expect([significance.tagName, significance.className]).toEqual(['SMALL', 'nhsuk-u-display-block nhsuk-u-secondary-text-colour']);
    expect(screen.getByTestId('report-card-change').textContent?.replace(/\s+/g, ' ')).toBe(
      'Change over 12 months is the difference from the same month a year before. A change is called significant when it is unlikely to be due to ' +
        'chance alone (its 95% confidence interval leaves out 0). A count’s change has no interval, so it is not judged.',
    );
  });

  it('says nothing of significance where no change is judged', async () => {
    const cards = SUMMARY.cards.map((c) => ({ ...c, change: null }));
    installFakeApi(standardApi({ '/orgs/A00001/summary': { body: { ...SUMMARY, cards } } }));
    renderAt(routes, '/org/A00001');
    const card = await screen.findByTestId('report-card');
    expect(within(card.querySelector('tr[data-measure="plan_coverage"]') as HTMLElement).getByTestId('card-change').textContent).toBe('no data');
    expect(within(card).queryByTestId('card-change-significance')).toBeNull();
    expect(screen.queryByTestId('report-card-change')).toBeNull();
  });

  it('says nothing of provisional months where none is', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/org/A00001');
    await screen.findByTestId('report-card');
    expect(screen.queryByTestId('report-card-provisional')).toBeNull();
  });

  it('heads the parent rate by what it is: the region for an ICB', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/org/QWE');
    expect(within(await screen.findByTestId('report-card')).getByRole('columnheader', { name: 'Region' })).toBeTruthy();
  });

  it('heads the parent rate by what it is: the ICB for a practice (not its PCN)', async () => {
    const practice = { ...SUMMARY, org: { code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const } };
    installFakeApi(standardApi({ '/orgs/A00001/summary': { body: practice } }));
    renderAt(routes, '/org/A00001');
    expect(within(await screen.findByTestId('report-card')).getByRole('columnheader', { name: 'ICB' })).toBeTruthy();
  });

  it('says its flags test the 99.8% funnel limits around the parent’s rate, not the 95% intervals shown beside them', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/org/QWE');
    const card = await screen.findByTestId('report-card');
    expect(within(card).getByRole('columnheader', { name: 'Compared with Region' })).toBeTruthy();
    const note = screen.getByTestId('report-card-flags');
    expect(note.textContent?.replace(/\s+/g, ' ')).toBe(
      'Compared with Region: a measure is flagged (better or worse, or higher or lower where neither is better) only where its value lies outside the ' +
        '99.8% funnel limits around the Region rate, and is otherwise similar. The flag does not use the 95% confidence interval, so a value whose ' +
        'interval leaves out the Region rate can still be similar. Counts are not compared.',
    );
    expect(card.getAttribute('aria-describedby')).toBe(note.id);
  });

  it('names the peers’ area once when every measure shares it', async () => {
    const region = { code: 'Y01', name: 'North Region', level: 'region' as const };
    const shared = { ...SUMMARY, cards: SUMMARY.cards.map((c) => ({ ...c, peers: { ...c.peers, within: region } })) };
    installFakeApi(standardApi({ '/orgs/A00001/summary': { body: shared } }));
    renderAt(routes, '/org/A00001');
    const card = await screen.findByTestId('report-card');
    expect(within(card).getByRole('columnheader', { name: 'Rank in North Region' })).toBeTruthy();
    expect(within(card.querySelector('tr[data-measure="plan_coverage"]') as HTMLElement).getByText('2 of 7')).toBeTruthy();
  });

  it('shades a provisional month of the deciles, says why in two sentences and in the legend, and marks it in their table', async () => {
    const months = DECILES.months.map((m) => (m.month === '2026-11' ? { ...m, provisional: true as const } : m));
    installFakeApi(standardApi({ '/measures/plan_shared/deciles': { body: { ...DECILES, measure: 'plan_shared', months } } }));
    renderAt(routes, '/org/A00001?measure=plan_shared');
    const figure = await screen.findByRole('figure', { name: 'Plan shared with the person: Hill Street Practice against practices in England' });
    await waitFor(() => expect(within(figure).getAllByRole('listitem').map((li) => li.textContent).at(-1)).toBe('Provisional: plans agreed in a month’s last 28 days may not yet be recorded as shared, so figures may rise at the next refresh'));
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)!.textContent).toMatch(
      / November 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh\. It is shaded on the chart\.$/,
    );
    expect(within(figure).getByRole('rowheader', { name: 'November 2026 (provisional)' })).toBeTruthy();
  });

  it('shows the chosen measure’s trend with its XmR view, where an alert on it links (plan_shared), at the month in the link', async () => {
    // 40%, 44%, 42% in July to September 2026 (final) and a provisional 10% in October.
    const shared = seriesOf('plan_shared', PRACTICE_ORG);
    shared.lines[0]!.points = [
      seriesPoint('2026-07', { numerator: 40, denominator: 100, rate: 40 }),
      seriesPoint('2026-08', { numerator: 44, denominator: 100, rate: 44 }),
      seriesPoint('2026-09', { numerator: 42, denominator: 100, rate: 42 }),
      seriesPoint('2026-10', { numerator: 10, denominator: 100, rate: 10, provisional: true }),
    ];
    const requests = installFakeApi(standardApi({ '/measures/plan_shared/series?org=A00001': { body: shared } }));
    renderAt(routes, '/org/A00001?measure=plan_shared&month=2026-10');
    const views = await screen.findByRole('group', { name: 'View of plan shared with the person' });
    expect(await screen.findByRole('figure', { name: 'Plan shared with the person: Hill Street Practice' })).toBeTruthy();
    fireEvent.click(within(views).getByRole('radio', { name: 'XmR / SPC' }));
    const xmr = await screen.findByRole('figure', { name: 'Plan shared with the person: Hill Street Practice, XmR chart' });
    // Mean of the final months (40 + 44 + 42) / 3 = 42.0%; October is shown, not judged.
    expect(within(xmr).getByRole('rowheader', { name: 'October 2026 (provisional)' })).toBeTruthy();
    expect(within(within(xmr).getByRole('rowheader', { name: 'July 2026' }).closest('tr')!).getAllByRole('cell')[2]!.textContent).toBe('42.0%');
    expect(requests.map((r) => r.url)).toContain('/api/measures/plan_shared/series?org=A00001&to=2026-10');
    expect(requests.map((r) => r.url)).toContain('/api/orgs/A00001/summary?month=2026-10');
    // The deciles stay beside the trend.
    expect(screen.getByRole('figure', { name: 'Plan shared with the person: Hill Street Practice against practices in England' })).toBeTruthy();
  });

  it('shows overdue reviews’ trend once when it is the measure in detail', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/org/A00001?measure=overdue_reviews');
    await screen.findByTestId('overdue-shown-above');
    expect(await screen.findAllByRole('group', { name: 'View of overdue reviews' })).toHaveLength(1);
  });

  it('draws the deciles with the PCN and ICB lines', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/org/A00001?measure=plan_coverage');
    const figure = await screen.findByRole('figure', { name: 'Care plan coverage: Hill Street Practice against practices in England' });
    await waitFor(() => expect(within(figure).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Deciles of practices in England', 'Median of practices in England', 'Hill Street Practice', 'Riverside PCN', 'NHS North ICB']));
    expect(requests.some((r) => r.url.startsWith('/api/measures/plan_coverage/deciles?level=practice&org=A00001'))).toBe(true);
    expect(requests.some((r) => r.url === '/api/measures/plan_coverage/series?org=PCN01')).toBe(true);
    expect(requests.some((r) => r.url === '/api/measures/plan_coverage/series?org=QWE')).toBe(true);
  });

  it('spreads the deciles over England by default and says so, with their number of practices from the answer', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/org/A00001?measure=plan_coverage');
    const figure = await screen.findByRole('figure', { name: 'Care plan coverage: Hill Street Practice against practices in England' });
    // The fixture's England: 6,312 practices in September and November (October has no deciles).
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Hill Street Practice (red) by month over the deciles of the rates of the 6,312 practices in England: dashed blue lines are the 10th to 90th ' +
        'percentiles and the solid blue line the median. Riverside PCN and NHS North ICB are drawn for comparison.',
    );
    expect(within(figure).getByRole('table').querySelector('caption')!.textContent).toBe('Deciles of practices in England by month');
    expect(within(within(figure).getByRole('rowheader', { name: 'September 2026' }).closest('tr')!).getAllByRole('cell').at(-1)!.textContent).toBe('6,312');
    // Radios, not a select: a radio's label wraps, where a closed select cut a long ICB name on a narrow screen.
    const across = screen.getByRole('group', { name: 'Deciles across' });
    const radios = within(across).getAllByRole<HTMLInputElement>('radio');
    expect(radios.map((r) => [r.value, r.labels?.[0]?.textContent, r.checked])).toEqual([['', 'All practices in England', true], ['icb', 'Practices in NHS North ICB', false]]);
    expect(radios[0]!.closest('.nhsuk-radios')!.className).toBe('nhsuk-radios nhsuk-radios--small');
    expect(across.tagName).toBe('FIELDSET');
    expect(requests.filter((r) => r.url.includes('/deciles')).map((r) => r.url)).toEqual(['/api/measures/plan_coverage/deciles?level=practice&org=A00001']);
  });

  it('says a single comparison line is drawn: a practice in no PCN has only its ICB', async () => {
    const noPcn = { ...PRACTICE, parentCode: 'QWE', parents: PRACTICE.parents.filter((p) => p.level !== 'pcn') };
    const standard = standardApi();
    installFakeApi((path, init) => (path.split('?')[0] === '/orgs/A00001' ? { body: noPcn } : standard(path, init)));
    renderAt(routes, '/org/A00001?measure=plan_coverage');
    const figure = await screen.findByRole('figure', { name: 'Care plan coverage: Hill Street Practice against practices in England' });
    await waitFor(() => expect(document.getElementById(figure.getAttribute('aria-describedby')!)!.textContent).toMatch(/ the median\. NHS North ICB is drawn for comparison\.$/));
  });

  it('spreads them over the practice’s ICB when chosen, keeping the choice in the URL, and says so', async () => {
    const requests = installFakeApi(standardApi());
    const { location } = renderAt(routes, '/org/A00001?measure=plan_coverage');
    fireEvent.click(within(await screen.findByRole('group', { name: 'Deciles across' })).getByRole('radio', { name: 'Practices in NHS North ICB' }));
    const figure = await screen.findByRole('figure', { name: 'Care plan coverage: Hill Street Practice against practices in NHS North ICB' });
    expect(location()).toBe('/org/A00001?measure=plan_coverage&deciles=icb');
    expect(requests.map((r) => r.url)).toContain('/api/measures/plan_coverage/deciles?level=practice&org=A00001&within=QWE');
    // The fixture's ICB: 104 practices in September, 103 in November.
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /^Hill Street Practice \(red\) by month over the deciles of the rates of the practices in NHS North ICB \(103 to 104 by month\): dashed blue lines/,
    );
    await waitFor(() => expect(within(figure).getAllByRole('listitem').map((li) => li.textContent).slice(0, 2)).toEqual(['Deciles of practices in NHS North ICB', 'Median of practices in NHS North ICB']));
    expect(within(figure).getByRole('table').querySelector('caption')!.textContent).toBe('Deciles of practices in NHS North ICB by month');
    // Back to England: the parameter goes.
    fireEvent.click(within(screen.getByRole('group', { name: 'Deciles across' })).getByRole('radio', { name: 'All practices in England' }));
    expect(await screen.findByRole('figure', { name: 'Care plan coverage: Hill Street Practice against practices in England' })).toBeTruthy();
    expect(location()).toBe('/org/A00001?measure=plan_coverage');
  });

  it('opens on the ICB’s deciles from the URL, and an ICB’s card offers its own practices', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/org/QWE?measure=plan_coverage&deciles=icb');
    expect(await screen.findByRole('figure', { name: 'Care plan coverage: NHS North ICB against practices in NHS North ICB' })).toBeTruthy();
    const across = within(screen.getByRole('group', { name: 'Deciles across' }));
    expect(across.getAllByRole<HTMLInputElement>('radio').map((r) => [r.labels?.[0]?.textContent, r.checked])).toEqual([['All practices in England', false], ['Practices in NHS North ICB', true]]);
    expect(requests.map((r) => r.url)).toContain('/api/measures/plan_coverage/deciles?level=practice&org=QWE&within=QWE');
  });

  it('offers no ICB to a network manager outside it, and asks England’s deciles whatever the URL says', async () => {
    const network = { ...SESSION, user: { ...SESSION.user, role: 'network' as const, areas: ['PCN01'] }, areas: [{ code: 'PCN01', name: 'Riverside PCN', level: 'pcn' as const }] };
    const requests = installFakeApi(standardApi({ '/auth/session': { body: network } }));
    renderAt(routes, '/org/A00001?measure=plan_coverage&deciles=icb');
    expect(await screen.findByRole('figure', { name: 'Care plan coverage: Hill Street Practice against practices in England' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Deciles across' })).toBeNull();
    expect(screen.queryByRole('radio', { name: 'Practices in NHS North ICB' })).toBeNull();
    expect(requests.filter((r) => r.url.includes('/deciles')).map((r) => r.url)).toEqual(['/api/measures/plan_coverage/deciles?level=practice&org=A00001']);
  });

  it('shows a suppressed breakdown value as suppressed, never 0', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/org/A00001?measure=plan_coverage&breakdown=imd_quintile');
    const figure = await screen.findByRole('figure', { name: /by deprivation \(IMD quintile\)/ });
    const row = within(within(figure).getByRole('table')).getByRole('rowheader', { name: '3' }).closest('tr')!;
    expect(row.textContent).toBe('3suppressedsuppressedsuppressedsuppressed');
    expect(row.textContent).not.toContain('0');
  });

  it('tells a practice lead on a peer practice’s card that breakdowns are for their own practice, asking for none', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/org/B00002?measure=plan_coverage&breakdown=imd_quintile');
    expect((await screen.findByTestId('breakdowns-own-practice')).textContent).toBe('Breakdowns are shown for your own practice only.');
    await screen.findByRole('figure', { name: 'Care plan coverage: Riverside Surgery against practices in England' });
    // The month list comes from the snapshot's months (October provisional for plan_shared), not from the data-quality report they may not read.
    expect((await screen.findByRole('option', { name: 'Latest (October 2026, provisional for plan shared with the person)' })).getAttribute('value')).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByLabelText('Split by')).toBeNull();
    expect(requests.filter((r) => r.url.includes('breakdown=') || r.url.startsWith('/api/data-quality')).map((r) => r.url)).toEqual([]);
  });

  it('shows a practice lead the breakdowns of their own practice', async () => {
    const requests = installFakeApi(practiceApi());
    renderAt(routes, '/org/A00001?measure=plan_coverage&breakdown=imd_quintile');
    expect(await screen.findByRole('figure', { name: /by deprivation \(IMD quintile\)/ })).toBeTruthy();
    expect(screen.queryByTestId('breakdowns-own-practice')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(requests.some((r) => r.url.startsWith('/api/data-quality'))).toBe(false);
  });

  it('asks the snapshot’s months for a commissioner’s month select, labelled with the measures a month is provisional for, and shows their breakdowns', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/org/QWE?measure=plan_coverage&breakdown=imd_quintile');
    expect(await screen.findByRole('figure', { name: /by deprivation \(IMD quintile\)/ })).toBeTruthy();
    // The fixture's months: August to October 2026, October provisional for plan_shared (refreshed 23 Nov, before 31 Oct + 28 days).
    const select = screen.getByRole('combobox', { name: 'Month' });
    await within(select).findByRole('option', { name: 'Latest (October 2026, provisional for plan shared with the person)' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Latest (October 2026, provisional for plan shared with the person)', 'September 2026', 'August 2026']);
    expect(requests.filter((r) => r.url === '/api/snapshot/months')).toHaveLength(1);
    expect(requests.some((r) => r.url === '/api/data-quality')).toBe(false);
    expect(screen.queryByTestId('breakdowns-own-practice')).toBeNull();
  });

  it('labels an earlier month with the measures it is provisional for', async () => {
    // As if activation had 60 follow-up days: provisional in October and September, plan_shared in October only.
    installFakeApi(
      standardApi({
        '/snapshot/months': { body: SNAPSHOT_MONTHS_TWO_MEASURES },
      }),
    );
    renderAt(routes, '/org/A00001?month=2026-09');
    const select = await screen.findByRole('combobox', { name: 'Month' });
    await within(select).findByRole('option', { name: 'September 2026 (provisional for patient activation)' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Latest (October 2026, provisional for plan shared with the person and patient activation)',
      'September 2026 (provisional for patient activation)',
      'August 2026',
    ]);
    expect((select as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('September 2026 (provisional for patient activation)');
  });

  it('says as its h1 and title that no organisation has an unknown code, links to the user’s own area and the overview, and asks for no figures but the summary', async () => {
    const requests = installFakeApi(standardApi({ '/orgs/ZZZ999': problem(404, 'code: no organisation has the code ZZZ999') }));
    renderAt(routes, '/org/ZZZ999');
    const message = await screen.findByTestId('organisation-problem');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('No organisation has the code ZZZ999');
    expect([...message.querySelectorAll(':scope > p')].map((p) => p.textContent)).toEqual([
      'If you typed the web address, check it is correct.',
      'Open the report card of NHS North ICB, or find another organisation on the overview.',
    ]);
    expect(within(message).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['NHS North ICB', '/org/QWE'],
      ['find another organisation on the overview', '/'],
    ]);
    await waitFor(() => expect(document.title).toBe('Not found – Report card: ZZZ999 – PCSP Insights – NHS'));
    expect(screen.queryByRole('alert')).toBeNull();
    // The summary is asked alongside the organisation, sparing a card that opens a round trip; its refusal is not shown.
    expect(figureRequests(requests)).toEqual(['/api/orgs/ZZZ999/summary']);
  });

  it('says an organisation outside the user’s area is outside it, with the title No access', async () => {
    const requests = installFakeApi(standardApi({ '/orgs/QMH': problem(403, 'code: QMH (Queen Mary Health Centre) is outside your area') }));
    renderAt(routes, '/org/QMH');
    await screen.findByTestId('organisation-problem');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('QMH is outside the area you can see');
    expect(screen.getByText('If you need to see its figures, ask an administrator of PCSP Insights to add it to the areas of your account.')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('No access – Report card: QMH – PCSP Insights – NHS'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(figureRequests(requests)).toEqual(['/api/orgs/QMH/summary']);
  });

  it('opens the card of a code in lower case at its capitals, keeping the rest of the address', async () => {
    const requests = installFakeApi(standardApi());
    const { location } = renderAt(routes, '/org/a00001?measure=overdue_reviews');
    await screen.findByTestId('report-card');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Hill Street Practice Practice A00001');
    expect(location()).toBe('/org/A00001?measure=overdue_reviews');
    expect(requests.some((r) => r.url.includes('a00001'))).toBe(false);
    await waitFor(() => expect(document.title).toBe('Report card: Hill Street Practice – PCSP Insights – NHS'));
  });

  it('shows the latest month, and says so once, for a month the snapshot does not hold, asking for none of its figures', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/org/A00001?month=2031-01');
    await screen.findByTestId('report-card');
    // The fixture's months are August to October 2026: 2031-01, January 2031, is none of them.
    expect(screen.getAllByTestId('unavailable-month').map((n) => n.textContent)).toEqual(['Information: There are no figures for January 2031: showing the latest month, October 2026.']);
    const select = screen.getByRole('combobox', { name: 'Month' }) as HTMLSelectElement;
    expect(select.selectedOptions[0]!.textContent).toBe('Latest (October 2026, provisional for plan shared with the person)');
    expect(screen.getByRole('heading', { level: 2, name: 'Every measure, October 2026' })).toBeTruthy();
    expect(requests.filter((r) => r.url.includes('2031'))).toEqual([]);
  });

  it('says a month in the URL that is no month at all is not one, and shows the latest', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/org/A00001?month=last');
    expect((await screen.findByTestId('unavailable-month')).textContent).toBe('Information: “last” is not a month: showing the latest month, October 2026.');
  });
});
