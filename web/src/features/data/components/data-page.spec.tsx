import '../../../test/polyfills';
import { fireEvent, screen } from '@testing-library/react';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt, SESSION } from '../../../test/render-app';

const ADMIN = { ...SESSION, user: { ...SESSION.user, role: 'admin' as const, areas: [] }, areas: [] };

describe('data page', () => {
  it('shows the snapshot age and each import with its errors', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/data');
    const snapshot = await screen.findByTestId('snapshot');
    expect(snapshot.textContent).toContain('(2 hours ago)');
    expect(snapshot.textContent).toContain('August 2026 to October 2026');
    expect(screen.getByTestId('issue-table').textContent).toContain('not a real date');
  });

  it('offers upload and refresh to administrators only', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(screen.queryByLabelText('Extract files')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Refresh the snapshot now' })).toBeNull();
  });

  it('tells a practice lead, who may not see imports, where the figures come from', async () => {
    const practiceLead = { ...SESSION, user: { ...SESSION.user, role: 'practice' as const, areas: ['A00001'] }, areas: [{ code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const }] };
    installFakeApi(standardApi({ '/auth/session': { body: practiceLead }, '/data-quality': { status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Administrators, commissioners and network managers only' } } }));
    renderAt(routes, '/data');
    expect(await screen.findByText(/^Imports and data quality are shown to administrators/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks an administrator for a file before uploading', async () => {
    installFakeApi(standardApi({ '/auth/session': { body: ADMIN } }));
    renderAt(routes, '/data');
    fireEvent.click(await screen.findByRole('button', { name: 'Upload and import' }));
    expect((await screen.findByText('Choose at least one file')).closest('.nhsuk-form-group')?.className).toContain('nhsuk-form-group--error');
  });
});
