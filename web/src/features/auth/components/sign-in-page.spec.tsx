import '../../../test/polyfills';
import { defaultScheduler, notifyManager } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt, SESSION } from '../../../test/render-app';

// What the API answers when nobody is signed in (200, so that no failed request is logged on every visit).
const signedOut = { body: { user: null } };

describe('sign-in page', () => {
  let afterTest = () => {};
  afterEach(() => {
    afterTest();
    afterTest = () => {};
  });

  it('is where a visitor the API calls signed out ({ user: null }) is sent, keeping where they were going', async () => {
    installFakeApi(standardApi({ '/auth/session': signedOut }));
    const { location } = renderAt(routes, '/methodology');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to PCSP Insights' })).toBeTruthy();
    expect(location()).toBe('/sign-in?next=%2Fmethodology');
    expect(screen.queryByTestId('signed-in-user')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names the missing fields', async () => {
    installFakeApi(standardApi({ '/auth/session': signedOut }));
    renderAt(routes, '/sign-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    const summary = await screen.findByRole('alert');
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Enter your email address', 'Enter your password']);
  });

  it('shows the API’s message when the password is wrong', async () => {
    installFakeApi(standardApi({ '/auth/session': signedOut, '/auth/login': { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The email address or password is not right' } } }));
    renderAt(routes, '/sign-in');
    fireEvent.change(await screen.findByLabelText('Email address'), { target: { value: 'cara@example.nhs.uk' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The email address or password is not right')).toBeTruthy();
  });

  it('moves focus to the error summary when the API refuses the sign-in, as it does for missing fields, each time', async () => {
    // A mutation's onError runs before its error is dispatched, and the page re-renders only when TanStack's notify scheduler
    // runs. Delivering notifications 20 ms late makes the error's render come after any 0 ms timer set in onError, whatever
    // order jsdom's timers happen to run in; focus must still reach the summary.
    notifyManager.setScheduler((callback) => setTimeout(callback, 20));
    afterTest = () => notifyManager.setScheduler(defaultScheduler);
    installFakeApi(standardApi({ '/auth/session': signedOut, '/auth/login': { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The email address or password is not right' } } }));
    renderAt(routes, '/sign-in');
    fireEvent.change(await screen.findByLabelText('Email address'), { target: { value: 'cara@example.nhs.uk' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    const button = screen.getByRole('button', { name: 'Sign in' });
    button.focus();
    fireEvent.click(button);
    // nhsuk-frontend focuses the summary's box, whose child is the alert.
    const summary = (await screen.findByRole('alert')).closest('.nhsuk-error-summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary?.getAttribute('tabindex')).toBe('-1');
    expect(summary?.textContent).toBe('There is a problemThe email address or password is not right');
    // A second wrong try takes focus back to the summary.
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong again' } });
    const again = screen.getByRole('button', { name: 'Sign in' });
    again.focus();
    fireEvent.click(again);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert').closest('.nhsuk-error-summary')));
  });

  it('moves focus to the error summary when fields are missing', async () => {
    installFakeApi(standardApi({ '/auth/session': signedOut }));
    renderAt(routes, '/sign-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert').closest('.nhsuk-error-summary')));
  });

  it('signs in and goes where the user was going', async () => {
    const requests = installFakeApi(standardApi({ '/auth/session': signedOut, '/auth/login': { body: SESSION } }));
    const { location } = renderAt(routes, '/sign-in?next=%2Fmethodology');
    fireEvent.change(await screen.findByLabelText('Email address'), { target: { value: ' cara@example.nhs.uk ' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Methodology' })).toBeTruthy();
    expect(location()).toBe('/methodology');
    expect((await screen.findByTestId('signed-in-user')).textContent).toBe('Cara Commissioner, · Commissioner, · NHS North ICB');
    expect(requests.find((r) => r.url === '/api/auth/login')?.body).toEqual({ email: 'cara@example.nhs.uk', password: 'correct horse battery' });
  });
});
