import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import type { TrainingEvaluationResponse } from '@pcsp/contract/evaluation.contract';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt } from '../../../test/render-app';

const estimate = (value: number, units: number) => ({ estimate: value, standardError: 1, low: value - 2, high: value + 2, units });

// 13 of 20 practices trained; the estimates use fewer where the snapshot lacks the months each needs.
const EVALUATION: TrainingEvaluationResponse = {
  area: { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
  measure: 'plan_coverage',
  practices: 20,
  trainedPractices: 13,
  pooled: { levelChange: estimate(1.5, 11), slopeChange: estimate(0.2, 11), effectAt12: estimate(3.9, 11), differenceInDifferences: { ...estimate(4.1, 9), replicates: 20 } },
  eventTime: [],
  trained: [],
};

describe('training evaluation page', () => {
  it('says why an estimate can use fewer practices than have training recorded', async () => {
    const api = standardApi();
    installFakeApi((path, init) => (path.startsWith('/evaluation/training') ? { body: EVALUATION } : api(path, init)));
    renderAt(routes, '/evaluation');
    const intro = await screen.findByText(/13 of 20 practices have training recorded/);
    expect(intro.textContent).toContain('at least 6 months of coverage on each side of its training month for the time series');
    expect(intro.textContent).toContain('the Practices column gives how many each estimate uses');
    const table = screen.getByRole('table', { name: 'Effect of training on plan coverage, trained practices combined (pooled)' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.lastElementChild?.textContent)).toEqual(['9', '11', '11', '11']);
  });

  it('heads the combined estimates in the intro’s words, saying pooled in brackets, not Pooled effect', async () => {
    const api = standardApi();
    installFakeApi((path, init) => (path.startsWith('/evaluation/training') ? { body: EVALUATION } : api(path, init)));
    renderAt(routes, '/evaluation');
    await screen.findByText(/13 of 20 practices have training recorded/);
    expect(screen.getByText(/^The practices’ results are combined \(pooled\)/).textContent).toBe(
      'The practices’ results are combined (pooled) into one figure for the area. The methodology page explains both methods, under Training programme evaluation.',
    );
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Effect across trained practices in NHS North ICB (pooled)',
      'Each trained practice',
    ]);
    const region = screen.getByRole('region', { name: 'Effect of training across trained practices (pooled)' });
    expect(region.querySelector('caption')!.textContent).toBe('Effect of training on plan coverage, trained practices combined (pooled)');
    expect(document.body.textContent).not.toContain('Pooled effect');
  });

  it('says what the training data is, in plain words, without a file name', async () => {
    const api = standardApi();
    installFakeApi((path, init) => (path.startsWith('/evaluation/training') ? { body: EVALUATION } : api(path, init)));
    renderAt(routes, '/evaluation');
    await screen.findByText(/13 of 20 practices have training recorded/);
    expect(screen.getByText(/^This page shows/).textContent).toBe(
      'This page shows whether plan coverage changed at practices after their staff were trained in care and support planning. It uses the training records in the data upload: the date each practice’s staff were trained.',
    );
    const ways = screen.getByText('It looks at the change in 2 ways:').nextElementSibling as HTMLElement;
    expect(within(ways).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'before and after training: each trained practice’s coverage after training, compared with where its own trend before training was heading (a time series)',
      'against practices not yet trained: how much more a trained practice’s coverage changed in the year after training than coverage at practices not yet trained over the same months (a difference in differences)',
    ]);
    expect(screen.getByRole('link', { name: 'methodology page' }).getAttribute('href')).toBe('/methodology#training-evaluation');
    expect(document.body.textContent).not.toContain('training.csv');
  });

  it('explains difference in differences, controls and not estimable where each is used, and why an estimate is not estimable', async () => {
    // One practice trained in September 2026: too recent for its difference in differences (it needs September 2027),
    // and with too few months for its time series; the area's pooled difference in differences needs 2 practices.
    const recent: TrainingEvaluationResponse = {
      ...EVALUATION,
      trainedPractices: 1,
      pooled: { levelChange: null, slopeChange: null, effectAt12: null, differenceInDifferences: null },
      trained: [{ practice: { code: 'B00001', name: 'Hill Street', level: 'practice' }, trainedOn: '2026-09-14', trainingMonth: '2026-09', timeSeries: null, differenceInDifferences: null }],
    };
    const api = standardApi();
    installFakeApi((path, init) => (path.startsWith('/evaluation/training') ? { body: recent } : api(path, init)));
    renderAt(routes, '/evaluation');
    const pooledTable = await screen.findByRole('table', { name: 'Effect of training on plan coverage, trained practices combined (pooled)' });
    expect(within(pooledTable).getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[0]!.textContent)).toEqual(['not estimable', 'not estimable', 'not estimable', 'not estimable']);
    const practiceRow = within(screen.getByRole('table', { name: /Effect of training by practice/ })).getAllByRole('row')[1]!;
    expect([...practiceRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Hill Street (B00001)', 'September 2026', 'not estimable', 'not estimable', 'not estimable', '–']);

    const notEstimable =
      'Not estimable: there is not enough data for the estimate. A time series needs at least 6 months of coverage before the training month and 6 from it on. ' +
      'A difference in differences needs coverage in the month before training and 12 months after it, and at least one practice not yet trained with coverage in both months. ' +
      'So there is none yet for a practice trained less than a year before the latest month.';
    const did =
      'Difference in differences: the change in a trained practice’s coverage from the month before training to 12 months after, less the change at practices not yet trained over the same months. ' +
      'Those practices show what would probably have happened without the training.';
    const timeSeries =
      'a trained practice’s coverage after training, compared with where its own trend before training was heading. The level change is the jump at the training month. ' +
      'The slope change is how much faster coverage changed each month after training (slower if it is negative).';
    // Each explanation is a closed details element straight before the table it explains.
    const pooledTerms = screen.getByTestId('pooled-terms');
    expect(pooledTerms.tagName).toBe('DETAILS');
    expect(pooledTerms.nextElementSibling!.contains(pooledTable)).toBe(true);
    expect(pooledTerms.querySelector('summary')!.textContent).toBe('What these estimates mean');
    expect([...pooledTerms.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      did,
      `Time series: ${timeSeries} The change from the old trend 12 months after is the level change plus 12 months of the slope change.`,
      `${notEstimable} Combined for the area, the time series needs at least 1 practice with an estimate, and the difference in differences at least 2.`,
    ]);
    const practiceTerms = screen.getByTestId('practice-terms');
    expect(practiceTerms.nextElementSibling!.contains(practiceRow)).toBe(true);
    expect(practiceTerms.querySelector('summary')!.textContent).toBe('What the columns mean');
    expect([...practiceTerms.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      `Level change and slope change come from the practice’s time series: ${timeSeries}`,
      did,
      'Controls: the number of practices a trained practice is compared with in the difference in differences. These are the practices not trained by 12 months after its training that have coverage in both months compared.',
      notEstimable,
    ]);
  });
});
