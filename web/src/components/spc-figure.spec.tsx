import '../test/polyfills';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ApplyingTargetList, TargetItem } from '@pcsp/contract/targets.contract';
import type { OrganisationRef } from '@pcsp/contract/organisations.contract';
import { seriesPoint } from '../test/fixtures';
import { installFakeApi, MEASURE_LIST } from '../test/render-app';
import { SpcFigure } from './spc-figure';

// Plan coverage 40, 44, 42, 46: mean 43, moving ranges 4, 2, 4 → mean 10/3, limits 43 ∓ 2.66 × 10/3 = 34.13 to 51.87.
// Higher is better: a target of 95 (or 60) lies above the upper limit (missed every month), 30 below the lower one
// (met every month), 45 inside them (hit and miss).
const POINTS = [40, 44, 42, 46].map((rate, i) => seriesPoint(`2026-0${i + 1}`, { numerator: rate, denominator: 100, rate }));
const ICB: OrganisationRef = { code: 'QWE', name: 'NHS North ICB', level: 'icb' };
const ENGLAND: OrganisationRef = { code: 'ENG', name: 'England', level: 'england' };
const PRACTICE: OrganisationRef = { code: 'A00001', name: 'Riverside Surgery', level: 'practice' };

const targetOf = (measure: TargetItem['measure'], org: OrganisationRef, targetRate: number): TargetItem => ({
  id: 'b7c1d3d2-1f7e-4c55-9a43-2d7d2e1b8a10',
  measure,
  org,
  targetRate,
  targetMonth: '2027-03',
  setBy: 'admin@test.nhs.uk',
  updatedAt: '2026-11-01T09:00:00.000Z',
});

function renderSpc(org: OrganisationRef, points = POINTS) {
  const measure = MEASURE_LIST.measures.find((m) => m.id === 'plan_coverage')!;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SpcFigure points={points} measure={measure} name={org.name} org={org.code} />
    </QueryClientProvider>,
  );
}

/** The API's answer for `org`: the targets that apply to it, whichever area each is set for. */
function fakeApplying(org: OrganisationRef, targets: ApplyingTargetList['targets']) {
  return installFakeApi((path) => (path === `/targets/applying?org=${org.code}` ? { body: { org, targets } satisfies ApplyingTargetList } : undefined));
}

describe('SPC view: the target of the assurance icon', () => {
  it('uses the target set for the organisation itself, until another is typed or the box is cleared', async () => {
    // Another measure's target applies too: only plan coverage's is this chart's.
    const requests = fakeApplying(ICB, [
      { target: targetOf('plan_coverage', ICB, 95), inherited: false },
      { target: targetOf('review_completion', ICB, 30), inherited: false },
    ]);
    renderSpc(ICB);
    const box = screen.getByLabelText<HTMLInputElement>(/Target for the assurance icon/);
    expect(await screen.findByRole('img', { name: 'Assurance: the target is missed every month unless the process changes' })).toBeTruthy();
    expect(box.value).toBe('95');
    expect(screen.getByText('Target 95.0% by March 2027 (set for NHS North ICB). Type another to see its assurance instead.')).toBeTruthy();
    expect(requests.map((r) => r.url)).toEqual(['/api/targets/applying?org=QWE']);

    fireEvent.change(box, { target: { value: '30' } });
    expect(screen.getByRole('img', { name: 'Assurance: the target is met every month (it lies beyond the lower process limit)' })).toBeTruthy();
    expect(screen.getByText('You have replaced the target 95.0% by March 2027 (set for NHS North ICB).')).toBeTruthy();
    fireEvent.change(box, { target: { value: '45' } });
    expect(screen.getByRole('img', { name: /hit and missed at random/ })).toBeTruthy();
    fireEvent.change(box, { target: { value: '' } });
    expect(screen.queryByRole('img', { name: /^Assurance/ })).toBeNull();
  });

  it.each([
    { area: ICB, rate: 60, icon: 'Assurance: the target is missed every month unless the process changes', hint: 'Target 60.0% by March 2027 (set for NHS North ICB).' },
    { area: ENGLAND, rate: 30, icon: 'Assurance: the target is met every month (it lies beyond the lower process limit)', hint: 'Target 30.0% by March 2027 (set for England).' },
  ])('judges a practice without a target of its own against the one inherited from $area.name, and names that area', async ({ area, rate, icon, hint }) => {
    fakeApplying(PRACTICE, [{ target: targetOf('plan_coverage', area, rate), inherited: true }]);
    renderSpc(PRACTICE);
    expect(await screen.findByRole('img', { name: icon })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/Target for the assurance icon/).value).toBe(String(rate));
    expect(screen.getByText(`${hint} Type another to see its assurance instead.`)).toBeTruthy();
  });

  it('has no target, and no assurance icon, where none applies to the organisation', async () => {
    const requests = fakeApplying(PRACTICE, [{ target: targetOf('review_completion', ICB, 30), inherited: true }]);
    renderSpc(PRACTICE);
    expect(await screen.findByText('No target has been set for Riverside Surgery or an area above it; type one to see whether it is met.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>(/Target for the assurance icon/).value).toBe('');
    expect(screen.queryByRole('img', { name: /^Assurance/ })).toBeNull();
    expect(requests.map((r) => r.url)).toEqual(['/api/targets/applying?org=A00001']);
  });
});

describe('SPC view: limits from a baseline', () => {
  // 14 months rising by 1 from 20%: over all of them the mean is 26.5; over the first 12, 25.5 (moving ranges all 1:
  // limits 25.5 ∓ 2.66, so the 13th and 14th, 32 and 33, lie above them).
  const RISING = Array.from({ length: 14 }, (_, i) => seriesPoint(`${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, { numerator: 20 + i, denominator: 100, rate: 20 + i }));

  it('takes the mean and limits from every month until the first 12 are chosen as a baseline', async () => {
    fakeApplying(PRACTICE, []);
    renderSpc(PRACTICE, RISING);
    const limits = await screen.findByLabelText<HTMLSelectElement>('Mean and limits from');
    expect(screen.getByText(/XmR chart by month \(mean 26\.5%/)).toBeTruthy();
    fireEvent.change(limits, { target: { value: 'baseline' } });
    expect(screen.getByText(/XmR chart by month \(mean 25\.5%, limits 22\.8% to 28\.2%\)/)).toBeTruthy();
    expect(screen.getByText(/both from the first 12 months \(a baseline\), against which the later months are judged/)).toBeTruthy();
  });

  it('offers no baseline with 12 months or fewer', async () => {
    fakeApplying(PRACTICE, []);
    renderSpc(PRACTICE);
    await screen.findByText(/No target has been set/);
    expect(screen.queryByLabelText('Mean and limits from')).toBeNull();
  });
});
