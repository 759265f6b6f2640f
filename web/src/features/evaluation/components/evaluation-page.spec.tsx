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
    const table = screen.getByRole('table', { name: 'Pooled effect of training on plan coverage' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.lastElementChild?.textContent)).toEqual(['9', '11', '11', '11']);
  });
});
