import type { UseQueryResult } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import type { ParameterProblem } from '@pcsp/contract/problem.contract';
import { ApiError } from '../lib/api-client';
import { ErrorMessage, QueryState } from './query-state';

/** One parameter's refusal as the API sends it. */
const coded = (parameter: string, message: string, reason: Omit<ParameterProblem, 'parameter' | 'message'>): ParameterProblem => ({ parameter, message, ...reason });

/** What each refusal below says, by the API's detail. */
const WORDS: Record<string, string> = {
  'code: no organisation has the code ZZZ999': 'No organisation has the code ZZZ999.',
  'org: QMH (Queen Mary Health Centre) is outside your area': 'Queen Mary Health Centre (QMH) is outside the area you can see.',
  'QWE is outside your area': 'QWE is outside the area you can see.',
  // 2031-01 is January 2031; the snapshot's first and last months, 2021-12 and 2026-11, December 2021 and November 2026.
  'to must be a month from 2021-12 to 2026-11 (got "2031-01")': 'There are no figures for January 2031: the figures go from December 2021 to November 2026.',
  'month must be a month YYYY-MM (got "2031-13")': '“2031-13” is not a month: a month is written as its year and month, such as 2026-10.',
  'org must be an organisation code (1 to 8 capital letters or digits) (got "J76-455")': '“J76-455” is not an organisation code: codes are 1 to 8 capital letters or digits, such as A81001.',
  'breakdown: figures by imd_quintile are available for your own practice only': 'Figures by deprivation (IMD quintile) are shown for your own practice only.',
  'within: there is no group group:7': 'That group could not be found: it may have been deleted, or its owner no longer shares it.',
  'within: group:7 (East side) holds practices outside your area': 'The group East side holds practices outside the area you can see.',
  'from must be a month YYYY-MM (got "x"); to must be a month from 2021-12 to 2026-11 (got "2020-01")':
    '“x” is not a month: a month is written as its year and month, such as 2026-10. There are no figures for January 2020: the figures go from December 2021 to November 2026.',
};

/** A failed first load, as TanStack Query gives it. */
function failed<T>(error: Error): Pick<UseQueryResult<T>, 'data' | 'error' | 'isPending' | 'isError'> {
  return { data: undefined, error, isPending: false, isError: true };
}

describe('ErrorMessage', () => {
  it('has nhsuk-frontend 10’s error summary markup: a box holding the alert, its heading and the message', async () => {
    render(<ErrorMessage error={new ApiError(413, 'At most 20 files in one upload.')} title="The upload failed" />);
    const alert = await screen.findByRole('alert');
    const box = alert.parentElement;
    expect(box?.className).toBe('nhsuk-error-summary');
    expect(box?.getAttribute('role')).toBeNull();
    // Not focused by itself, but focusable by a form that wants it focused (the groups page, when the API refuses a save).
    expect(box?.getAttribute('tabindex')).toBe('-1');
    const heading = within(alert).getByRole('heading', { level: 2 });
    expect(heading.className).toBe('nhsuk-error-summary__heading');
    expect(heading.textContent).toBe('The upload failed (413)');
    expect(alert.querySelector('.nhsuk-error-summary__body > p')?.textContent).toBe('At most 20 files in one upload.');
    expect(box?.querySelector('.nhsuk-error-summary__title')).toBeNull();
  });

  it('says There is a problem, without a status, for an error that is not the API’s; and Something went wrong for a value that is no error', async () => {
    const { rerender } = render(<ErrorMessage error={new Error('The connection was reset.')} />);
    expect((await screen.findByRole('alert')).textContent).toBe('There is a problemThe connection was reset.');
    rerender(<ErrorMessage error="oops" />);
    expect((await screen.findByRole('alert')).textContent).toBe('There is a problemSomething went wrong.');
  });

  it('leaves focus where it was when it appears, as a failed load is no form refusal', async () => {
    const { rerender } = render(
      <>
        <button type="button">Refresh</button>
        <QueryState query={{ data: 1, error: null, isPending: false, isError: false }} what="data quality">
          {(n) => <p>{n}</p>}
        </QueryState>
      </>,
    );
    const button = screen.getByRole('button', { name: 'Refresh' });
    button.focus();
    rerender(
      <>
        <button type="button">Refresh</button>
        <QueryState query={failed<number>(new ApiError(503, 'The snapshot is being built'))} what="data quality">
          {(n) => <p>{n}</p>}
        </QueryState>
      </>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The data quality could not be loaded (503)The snapshot is being built');
    expect(document.activeElement).toBe(button);
  });

  it('takes no focus when a page opens on a failed load', async () => {
    render(
      <QueryState query={failed(new ApiError(503, 'The snapshot is being built'))} what="headline figures">
        {() => null}
      </QueryState>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('The headline figures could not be loaded (503)The snapshot is being built');
    expect(document.activeElement).toBe(document.body);
  });

  // The API's refusals as api/src sends them (orgs and groups services' resolve, measures service month and breakdown
  // checks, the validation pipe's `(got "…")`): each entry's reason code (and value, name or range) is what is said, without
  // the request's parameter name and without the status. The detail is the API's, as the api-client makes it the message.
  it.each<[number, string, ParameterProblem[]]>([
    [404, 'code: no organisation has the code ZZZ999', [coded('code', 'code: no organisation has the code ZZZ999', { code: 'unknown_organisation', value: 'ZZZ999' })]],
    [
      403,
      'org: QMH (Queen Mary Health Centre) is outside your area',
      [coded('org', 'org: QMH (Queen Mary Health Centre) is outside your area', { code: 'outside_area', value: 'QMH', name: 'Queen Mary Health Centre' })],
    ],
    [403, 'QWE is outside your area', [coded('org', 'QWE is outside your area', { code: 'outside_area', value: 'QWE' })]],
    [
      400,
      'to must be a month from 2021-12 to 2026-11 (got "2031-01")',
      [coded('to', 'to must be a month from 2021-12 to 2026-11 (got "2031-01")', { code: 'month_outside_range', value: '2031-01', range: { first: '2021-12', last: '2026-11' } })],
    ],
    [400, 'month must be a month YYYY-MM (got "2031-13")', [coded('month', 'month must be a month YYYY-MM (got "2031-13")', { code: 'not_a_month', value: '2031-13' })]],
    [
      400,
      'org must be an organisation code (1 to 8 capital letters or digits) (got "J76-455")',
      [coded('org', 'org must be an organisation code (1 to 8 capital letters or digits) (got "J76-455")', { code: 'not_an_organisation_code', value: 'J76-455' })],
    ],
    [
      403,
      'breakdown: figures by imd_quintile are available for your own practice only',
      [coded('breakdown', 'breakdown: figures by imd_quintile are available for your own practice only', { code: 'own_practice_only', value: 'imd_quintile' })],
    ],
    [404, 'within: there is no group group:7', [coded('within', 'within: there is no group group:7', { code: 'unknown_group', value: 'group:7' })]],
    [
      403,
      'within: group:7 (East side) holds practices outside your area',
      [coded('within', 'within: group:7 (East side) holds practices outside your area', { code: 'group_outside_area', value: 'group:7', name: 'East side' })],
    ],
    // The validation pipe joins one message per parameter with "; ": each entry is put in words.
    [
      400,
      'from must be a month YYYY-MM (got "x"); to must be a month from 2021-12 to 2026-11 (got "2020-01")',
      [
        coded('from', 'from must be a month YYYY-MM (got "x")', { code: 'not_a_month', value: 'x' }),
        coded('to', 'to must be a month from 2021-12 to 2026-11 (got "2020-01")', { code: 'month_outside_range', value: '2020-01', range: { first: '2021-12', last: '2026-11' } }),
      ],
    ],
  ])('says the API’s %i “%s” in plain words by its code, without the status', async (status, detail, errors) => {
    render(
      <QueryState query={failed(new ApiError(status, detail, { type: 'about:blank', title: 'Refused', status, detail, errors }))} what="headline figures">
        {() => null}
      </QueryState>,
    );
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe('The headline figures could not be loaded');
    expect(alert.querySelector('.nhsuk-error-summary__body > p')?.textContent).toBe(WORDS[detail]);
  });

  // A 403 the evaluation service sends without an errors entry: its message loses the parameter's name it starts with.
  it('says a refusal with no entries that names its parameter first without the name, capitalised, with a full stop', async () => {
    render(<ErrorMessage error={new ApiError(403, 'org: figures split by plan are available for your own practice only')} />);
    expect((await screen.findByRole('alert')).textContent).toBe('There is a problemFigures split by plan are available for your own practice only.');
  });

  it('keeps the API’s message and status for a refusal without a code, whatever its words', async () => {
    // The words of a month outside the snapshot, but no entry with month_outside_range: nothing is read from the words.
    render(<ErrorMessage error={new ApiError(400, 'to must be a month from 2021-12 to 2026-11 (got "2031-01")')} />);
    expect((await screen.findByRole('alert')).textContent).toBe('There is a problem (400)to must be a month from 2021-12 to 2026-11 (got "2031-01")');
  });
});
