import type { UseQueryResult } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { ApiError } from '../lib/api-client';
import { ErrorMessage, QueryState } from './query-state';

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
      <QueryState query={failed(new ApiError(403, 'QWE is outside your area'))} what="headline figures">
        {() => null}
      </QueryState>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('The headline figures could not be loaded (403)QWE is outside your area');
    expect(document.activeElement).toBe(document.body);
  });
});
