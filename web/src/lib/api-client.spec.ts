import { installFakeApi } from '../test/render-app';
import { api, ApiError, toQueryString } from './api-client';

describe('api client', () => {
  it('leaves out empty parameters and repeats arrays', () => {
    expect(toQueryString({ a: 1, b: '', c: undefined, d: ['x', 'y'], e: null })).toBe('?a=1&d=x&d=y');
    expect(toQueryString({})).toBe('');
  });

  it('sends the practice level and the chosen parameters to compare', async () => {
    const requests = installFakeApi(() => ({ body: { rows: [] } }));
    await api.compare('plan_coverage', { month: '2026-10', within: 'group:3' });
    expect(requests[0]!.url).toBe('/api/measures/plan_coverage/compare?level=practice&month=2026-10&within=group%3A3');
  });

  it('surfaces a problem+json answer with its detail as the message', async () => {
    installFakeApi(() => ({ status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Organisation Q99 is outside your area' } }));
    const failure = api.org('Q99');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 403, message: 'Organisation Q99 is outside your area' });
  });

  it('names each bad parameter when the problem has no detail', async () => {
    installFakeApi(() => ({ status: 400, body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: '', errors: [{ parameter: 'month', message: 'must be YYYY-MM' }] } }));
    await expect(api.summary('QWE', '2026-13')).rejects.toMatchObject({ message: 'month: must be YYYY-MM' });
  });

  it('builds the CSV address of a comparison', () => {
    expect(api.compareCsvUrl('review_completion', { within: 'QWE', change: '12m' })).toBe('/api/measures/review_completion/compare?level=practice&within=QWE&change=12m&format=csv');
  });
});
