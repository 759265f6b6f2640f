import '../../../test/polyfills';
import { screen, within } from '@testing-library/react';
import type { TargetList, TargetProgressList } from '@pcsp/contract/targets.contract';
import { routes } from '../../../app/router';
import { standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt, SESSION } from '../../../test/render-app';

const ICB = { code: 'QWE', name: 'NHS North ICB', level: 'icb' } as const;
const NO_TARGETS: TargetList = { targets: [] };
// Set for a sub-ICB inside NHS North ICB: it is listed, but does not apply to the ICB itself.
const ONE_TARGET: TargetList = {
  targets: [{ id: 't1', measure: 'plan_coverage', org: { code: '01A', name: 'North Riverside sub-ICB', level: 'sub_icb' }, targetRate: 75, targetMonth: '2027-03', setBy: 'a@b', updatedAt: '2026-11-01T00:00:00Z' }],
};
const NO_PROGRESS: TargetProgressList = { org: ICB, month: '2026-10', items: [] };
const ADMIN = { ...SESSION, user: { ...SESSION.user, role: 'admin' as const } };

/** The fake API with these targets and no progress; '/targets/progress' first, as '/targets' is its prefix. */
const api = (list: TargetList, session = SESSION) =>
  standardApi({ '/targets/progress': { body: NO_PROGRESS }, '/targets': { body: list }, '/auth/session': { body: session } });

/** The inset messages (NHS inset text) on the page, as read out. */
const insets = () => [...document.querySelectorAll('.nhsuk-inset-text')].map((n) => n.textContent);

describe('targets page: what it tells the reader', () => {
  it('leads with the line, the target month and the range in plain words, and keeps the method’s names in How this is worked out', async () => {
    installFakeApi(api(ONE_TARGET));
    renderAt(routes, '/targets?area=QWE');
    await screen.findByTestId('targets-table');
    expect(screen.getByText(/^This page shows/).textContent).toBe(
      'This page shows whether each area is on course to meet its targets. A target set for an area also applies to every area inside it.',
    );
    expect(screen.getByText(/^For each target/).textContent).toBe(
      'For each target, we draw a straight line through the area’s figures for the last 12 months whose figures are final. We carry the line on to the month the target is due. ' +
        'We also show the range the figure would fall in 19 times out of 20 if things carry on as they are. This range is called the 95% prediction interval.',
    );
    const statuses = screen.getByText('An area is:').nextElementSibling!;
    expect(within(statuses as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'on track when the whole range meets the target',
      'off track when none of the range meets the target',
      'uncertain when the range includes the target',
    ]);
    // target-progress.ts: met or missed by the latest final rate once that month is the target month or after it.
    expect(statuses.nextElementSibling!.textContent).toBe('Once the figures for the target month are final, the target is met or missed by the latest final figure.');
    const method = screen.getByTestId('targets-method');
    expect(method.tagName).toBe('DETAILS');
    expect(method.querySelector('summary')!.textContent).toBe('How this is worked out');
    expect([...method.querySelectorAll('.nhsuk-details__text p')].map((p) => p.textContent)).toEqual([
      'The straight line is fitted by ordinary least squares. A provisional month, whose figures can still rise, is shown on the chart but not used for the line. The gap to the target is measured at the latest final month.',
      'The range is a 95% prediction interval for a single month’s figure, worked out with Student’s t distribution. The methodology page explains the method in full, under Targets and projections.',
    ]);
    expect(within(method).getByRole('link', { name: 'methodology page' }).getAttribute('href')).toBe('/methodology#targets');
    // Outside the details, no method's name.
    const rest = document.body.cloneNode(true) as HTMLElement;
    rest.querySelector('[data-testid="targets-method"]')!.remove();
    expect(rest.textContent).not.toMatch(/least squares|Student/);
  });
});

describe('targets page: no targets', () => {
  it('says once, to a commissioner, that none has been set and that an administrator sets targets', async () => {
    installFakeApi(api(NO_TARGETS));
    renderAt(routes, '/targets?area=QWE');
    await screen.findByText(/No targets have been set/);
    expect(insets()).toEqual(['Information: No targets have been set for your area yet. An administrator sets targets.']);
    // No progress section to say again that none applies.
    expect(screen.queryByRole('heading', { name: 'Progress' })).toBeNull();
    expect(screen.queryByText(/No target applies/)).toBeNull();
  });

  it('tells an administrator where: the Set a target form on this page', async () => {
    installFakeApi(api(NO_TARGETS, ADMIN));
    renderAt(routes, '/targets?area=QWE');
    await screen.findByText(/No targets have been set/);
    expect(insets()).toEqual(['Information: No targets have been set for your area yet. An administrator sets targets. You can set one with the Set a target form on this page.']);
    const link = screen.getByRole('link', { name: 'Set a target' });
    expect(link.getAttribute('href')).toBe('#set-target-heading');
    expect(document.getElementById('set-target-heading')!.textContent).toBe('Set a target');
  });

  it('with a target set inside the area but none applying to the area chosen, says once that none applies here and who sets them', async () => {
    installFakeApi(api(ONE_TARGET));
    renderAt(routes, '/targets?area=QWE');
    await screen.findByText(/No target applies/);
    expect(insets()).toEqual(['Information: No target applies to this area yet. An administrator sets targets.']);
    expect(screen.queryByText(/No targets have been set/)).toBeNull();
  });
});
