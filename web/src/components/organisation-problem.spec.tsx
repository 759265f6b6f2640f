import '../test/polyfills';
import type { ParameterProblem } from '@pcsp/contract/problem.contract';
import { ApiError } from '../lib/api-client';
import { organisationProblem } from './organisation-problem';

/** A refusal as the api-client makes it from the API's problem. */
const refusal = (status: number, entry: ParameterProblem) =>
  new ApiError(status, entry.message, { type: 'about:blank', title: 'Refused', status, detail: entry.message, errors: [entry] });

describe('organisationProblem by the API’s reason code', () => {
  it('is no problem of the organisation for a 400 about another parameter, such as a month of a group’s summary outside the snapshot', () => {
    const month = refusal(400, { parameter: 'month', message: 'month must be a month from 2021-12 to 2026-11 (got "2031-01")', code: 'month_outside_range', value: '2031-01', range: { first: '2021-12', last: '2026-11' } });
    expect(organisationProblem(month, 'group:7')).toBeUndefined();
  });

  it('is no problem of the organisation for a 404 about another parameter, such as an unknown measure', () => {
    const measure = refusal(404, { parameter: 'id', message: 'id: there is no measure "x"', code: 'unknown_measure', value: 'x' });
    expect(organisationProblem(measure, 'A81001')).toBeUndefined();
  });
});
