import { ApiError, apiRequest } from '../lib/api-client';
import { plainProblem } from '../lib/plain-problem';
import { practiceApi } from './practice-api';
import { installFakeApi } from './render-app';

/** The error apiRequest rejects with for `path` from the fake practice API. */
async function refusalOf(path: string, query: Record<string, string>): Promise<ApiError> {
  installFakeApi(practiceApi());
  const error: unknown = await apiRequest(path, { query }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError for ${path}`);
  return error;
}

// The real API's bodies (api/src/modules/evaluation/evaluation.service.spec.ts and measures.service.spec.ts), with
// the request's path as instance.
describe('the fake practice API refuses figures split for another organisation as the API does, with its reason code', () => {
  it('403 own_practice_only, value plan, for outcomes split by plan of a peer practice, said in plain words', async () => {
    const detail = 'org: figures split by plan are available for your own practice only';
    const error = await refusalOf('/outcomes/standardised', { org: 'B00002' });
    expect([error.status, error.problem]).toEqual([
      403,
      {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail,
        instance: '/api/outcomes/standardised',
        errors: [{ parameter: 'org', message: detail, code: 'own_practice_only', value: 'plan' }],
      },
    ]);
    // The breakdown plan is "Care plan" in words.
    expect(plainProblem(error)).toBe('Figures by care plan are shown for your own practice only.');
  });

  it('403 own_practice_only, value the breakdown, for a peer practice’s series by deprivation', async () => {
    const detail = 'breakdown: figures by imd_quintile are available for your own practice only';
    const error = await refusalOf('/measures/plan_coverage/series', { org: 'B00002', breakdown: 'imd_quintile' });
    expect(error.problem?.errors).toEqual([{ parameter: 'breakdown', message: detail, code: 'own_practice_only', value: 'imd_quintile' }]);
    expect(plainProblem(error)).toBe('Figures by deprivation (IMD quintile) are shown for your own practice only.');
  });
});
