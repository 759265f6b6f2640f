import '../../../test/polyfills';
import { fireEvent, screen } from '@testing-library/react';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt, SESSION } from '../../../test/render-app';

const signedOut = { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Not signed in' } };

describe('sign-in page', () => {
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
