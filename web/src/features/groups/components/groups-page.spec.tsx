import '../../../test/polyfills';
import type { ParameterProblem } from '@pcsp/contract/problem.contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt, type FakeResponse } from '../../../test/render-app';
import { recordScrollIntoView } from '../../../test/scroll-into-view';

const practices = {
  total: 2,
  offset: 0,
  limit: 20,
  organisations: [
    { code: 'A00001', name: 'Hill Street Practice', level: 'practice', parentCode: 'PCN01' },
    { code: 'B00002', name: 'Riverside Surgery', level: 'practice', parentCode: 'PCN01' },
  ],
};

const scrolled = recordScrollIntoView();

/** Fills the form (a name, two practices found by "ri") and saves it, the API refusing the POST with `refusal`: the alert shown. */
async function saveRefused(refusal: FakeResponse): Promise<HTMLElement> {
  const base = standardApi({ '/orgs?level=practice': { body: practices } });
  installFakeApi((path, init) => (init?.method === 'POST' && path === '/groups' ? refusal : base(path, init)));
  renderAt(routes, '/groups');
  fireEvent.change(await screen.findByLabelText('Group name'), { target: { value: 'River locality' } });
  fireEvent.change(screen.getByLabelText('Find practices by name or code'), { target: { value: 'ri' } });
  fireEvent.click(await screen.findByLabelText('Hill Street Practice (A00001)'));
  fireEvent.click(screen.getByLabelText('Riverside Surgery (B00002)'));
  fireEvent.click(screen.getByRole('button', { name: 'Save group' }));
  return screen.findByRole('alert');
}

/** A 400 refusing the POST for `errors`, its detail the messages joined as the API's validation pipe joins them. */
const refusedFor = (errors: ParameterProblem[]): FakeResponse => ({
  status: 400,
  body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: errors.map((e) => e.message).join('; '), instance: '/api/groups', errors },
});

describe('groups page', () => {
  it('says there are no groups yet', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/groups');
    expect(await screen.findByText('You have no groups yet. Create one below.')).toBeTruthy();
  });

  it('creates a shared group from practices found by name', async () => {
    const base = standardApi({ '/orgs?level=practice': { body: practices } });
    const created = { id: 7, code: 'group:7', name: 'River locality', practices: practices.organisations, shared: true, ownerId: 'u1', icbCode: 'QWE', createdAt: '2026-11-23T10:00:00Z' };
    const requests = installFakeApi((path, init) => (init?.method === 'POST' && path === '/groups' ? { status: 201, body: created } : base(path, init)));
    renderAt(routes, '/groups');
    fireEvent.change(await screen.findByLabelText('Group name'), { target: { value: 'River locality' } });
    fireEvent.change(screen.getByLabelText('Find practices by name or code'), { target: { value: 'ri' } });
    fireEvent.click(await screen.findByLabelText('Hill Street Practice (A00001)'));
    fireEvent.click(screen.getByLabelText('Riverside Surgery (B00002)'));
    fireEvent.click(screen.getByLabelText('Share with everyone in the ICB'));
    fireEvent.click(screen.getByRole('button', { name: 'Save group' }));
    expect((await screen.findByText(/^Group “River locality” saved/)).textContent).toBe('Group “River locality” saved. It now appears wherever you choose an area.');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'River locality', practices: ['A00001', 'B00002'], shared: true });
  });

  it('edits its own group: the form holds what the group has, and the changes go to the API as a PATCH', async () => {
    const group = { id: 7, code: 'group:7', name: 'River locality', practices: practices.organisations, shared: false, ownerId: 'u1', icbCode: 'QWE', createdAt: '2026-11-23T10:00:00Z' };
    const base = standardApi({ '/orgs?level=practice': { body: practices }, '/groups': { body: { groups: [group] } } });
    const updated = { ...group, name: 'River and Hill', shared: true };
    const requests = installFakeApi((path, init) => (init?.method === 'PATCH' && path === '/groups/7' ? { body: updated } : base(path, init)));
    renderAt(routes, '/groups');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit River locality' }));
    expect(screen.getByRole('heading', { name: 'Edit “River locality”' })).toBeTruthy();
    const name = screen.getByLabelText('Group name') as HTMLInputElement;
    expect(name.value).toBe('River locality');
    expect(screen.getByText('Chosen practices (2)')).toBeTruthy();
    fireEvent.change(name, { target: { value: ' River and Hill ' } });
    fireEvent.click(screen.getByLabelText('Share with everyone in the ICB'));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByText(/^Changes to/)).textContent).toBe('Changes to “River and Hill” saved.');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ name: 'River and Hill', practices: ['A00001', 'B00002'], shared: true });
    // Back to the form for a new group.
    expect(screen.getByRole('heading', { name: 'Create a group' })).toBeTruthy();
  });

  it('refuses an empty group as the NHS error pattern says: focus on the summary, whose links lead to fields marked with their own message', async () => {
    const requests = installFakeApi(standardApi());
    renderAt(routes, '/groups');
    fireEvent.click(await screen.findByRole('button', { name: 'Save group' }));
    const alert = await screen.findByRole('alert');
    // nhsuk-frontend focuses the summary's box, whose child is the alert.
    const summary = alert.closest('.nhsuk-error-summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary?.getAttribute('tabindex')).toBe('-1');
    const links = within(alert).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Enter a name for the group', '#group-name'],
      ['Choose at least 2 practices', '#practice-search'],
    ]);
    const name = screen.getByLabelText('Group name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBe('group-name-error');
    expect(document.getElementById('group-name-error')?.textContent).toBe('Error: Enter a name for the group');
    expect(document.getElementById('group-name-error')?.className).toBe('nhsuk-error-message');
    expect(name.closest('.nhsuk-form-group')?.classList.contains('nhsuk-form-group--error')).toBe(true);
    const search = screen.getByLabelText('Find practices by name or code');
    expect(search.getAttribute('aria-invalid')).toBe('true');
    expect(search.getAttribute('aria-describedby')).toBe('practice-search-hint practice-search-error');
    expect(document.getElementById('practice-search-error')?.textContent).toBe('Error: Choose at least 2 practices');
    expect(search.closest('.nhsuk-form-group')?.classList.contains('nhsuk-form-group--error')).toBe(true);
    fireEvent.click(links[1]!);
    expect(document.activeElement).toBe(search);
    expect(scrolled).toEqual([screen.getByText('Find practices by name or code')]);
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('clears a field’s error once it is filled, and moves focus to the summary again for what is still missing', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/groups');
    const save = await screen.findByRole('button', { name: 'Save group' });
    fireEvent.click(save);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert').closest('.nhsuk-error-summary')));
    fireEvent.change(screen.getByLabelText('Group name'), { target: { value: 'River locality' } });
    save.focus();
    fireEvent.click(save);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert').closest('.nhsuk-error-summary')));
    expect(within(screen.getByRole('alert')).getAllByRole('link').map((a) => a.textContent)).toEqual(['Choose at least 2 practices']);
    expect(screen.getByLabelText('Group name').getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById('group-name-error')).toBeNull();
  });

  it('shows the API’s one-ICB refusal, which names the practices, in the summary linked to the practice field, in plain words, with the same words by the field', async () => {
    // The body of groups.service.ts's badParameter('practices', …), as the API's problem filter sends it.
    const refusal = {
      status: 400,
      body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'practices must all belong to one ICB', instance: '/api/groups', errors: [{ parameter: 'practices', message: 'practices must all belong to one ICB', code: 'one_icb' }] },
    };
    const alert = await saveRefused(refusal);
    expect(alert.textContent).toBe('There is a problemChoose practices from one ICB');
    expect(within(alert).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['Choose practices from one ICB', '#practice-search']]);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    const summary = alert.closest('.nhsuk-error-summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const search = screen.getByLabelText('Find practices by name or code');
    expect(search.getAttribute('aria-invalid')).toBe('true');
    expect(search.getAttribute('aria-describedby')).toBe('practice-search-hint practice-search-error');
    expect(document.getElementById('practice-search-error')?.textContent).toBe('Error: Choose practices from one ICB');
    expect(search.closest('.nhsuk-form-group')?.classList.contains('nhsuk-form-group--error')).toBe(true);
    // The name the API did not refuse is not marked.
    expect(screen.getByLabelText('Group name').getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(within(alert).getByRole('link'));
    expect(document.activeElement).toBe(search);
  });

  it('links an unknown practice code (practices[1]) to the practice field too, and a name too long to the name field', async () => {
    const refusal = {
      status: 400,
      body: {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'name: name must be at most 100 characters (got "x"); practices[1]: no practice has the code B00002',
        errors: [
          { parameter: 'name', message: 'name must be at most 100 characters (got "x")', code: 'too_long' },
          { parameter: 'practices[1]', message: 'practices[1]: no practice has the code B00002', code: 'unknown_practice', value: 'B00002' },
        ],
      },
    };
    const alert = await saveRefused(refusal);
    expect(within(alert).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Enter a group name of 100 characters or fewer', '#group-name'],
      ['Choose practices found by the search: there is no practice with the code B00002', '#practice-search'],
    ]);
    expect(document.getElementById('group-name-error')?.textContent).toBe('Error: Enter a group name of 100 characters or fewer');
  });

  // Messages the API might word otherwise one day: the form's words come from the code (and value) alone.
  it.each<[string, ParameterProblem, [string, string]]>([
    ['one_icb', { parameter: 'practices', message: 'practices span QHM and QMJ', code: 'one_icb' }, ['Choose practices from one ICB', '#practice-search']],
    ['practice_count', { parameter: 'practices', message: 'practices: 1 given', code: 'practice_count' }, ['Choose from 2 to 200 practices', '#practice-search']],
    ['duplicate', { parameter: 'practices', message: 'practices repeat A00001', code: 'duplicate' }, ['Choose each practice once', '#practice-search']],
    [
      'unknown_practice',
      { parameter: 'practices[1]', message: 'practices[1] is not known', code: 'unknown_practice', value: 'B00002' },
      ['Choose practices found by the search: there is no practice with the code B00002', '#practice-search'],
    ],
    ['too_long', { parameter: 'name', message: 'name is over the limit', code: 'too_long' }, ['Enter a group name of 100 characters or fewer', '#group-name']],
  ])('words the %s refusal by its code, whatever its message says', async (_code, error, link) => {
    const alert = await saveRefused(refusedFor([error]));
    expect(within(alert).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([link]);
  });

  it('reads no message: refusals without a code, worded as the API words them now, get each field’s general words', async () => {
    const alert = await saveRefused(
      refusedFor([
        { parameter: 'name', message: 'name must be at most 100 characters (got "x")' },
        { parameter: 'practices', message: 'practices must all belong to one ICB' },
      ]),
    );
    expect(within(alert).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Enter a name for the group', '#group-name'],
      ['Choose practices found by the search', '#practice-search'],
    ]);
  });

  it('keeps the generic box, focused, for a refusal that names no field', async () => {
    const refusal = { status: 400, body: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Practices must be in one ICB' } };
    const alert = await saveRefused(refusal);
    expect(alert.textContent).toBe('The group could not be saved (400)Practices must be in one ICB');
    // ErrorMessage's box, holding the alert as nhsuk-frontend 10 has it, is what takes focus.
    const summary = alert.parentElement;
    expect(summary?.className).toBe('nhsuk-error-summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
  });
});
