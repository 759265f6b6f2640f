import '../test/polyfills';
import { fireEvent, render, screen, within } from '@testing-library/react';
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

function renderSpc(org: OrganisationRef, points = POINTS, measure = MEASURE_LIST.measures.find((m) => m.id === 'plan_coverage')!) {
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

describe('SPC view: limits recalculated from a month', () => {
  /** `length` months from January 2025, rising by 1 from 20%. */
  const rising = (length: number) =>
    Array.from({ length }, (_, i) => seriesPoint(`${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, { numerator: 20 + i, denominator: 100, rate: 20 + i }));
  /** The month, value, moving range, mean and limits cells of a month's row in the numbers table. */
  const cells = (month: string) => {
    const tr = within(screen.getByRole('table')).getByRole('rowheader', { name: month }).closest('tr')!;
    return [month, ...within(tr).getAllByRole('cell').slice(0, 5).map((c) => c.textContent)];
  };

  it('gives each phase its own mean and limits in the numbers table once a month is chosen, and the icons of the latest', async () => {
    fakeApplying(PRACTICE, []);
    renderSpc(PRACTICE, rising(14));
    const recalculate = await screen.findByLabelText<HTMLSelectElement>('Recalculate the limits from');
    // 14 months, January 2025 to February 2026: March 2025 (2 before it) to January 2026 (2 from it) are offered.
    const offered = within(recalculate).getAllByRole('option').map((o) => o.textContent);
    expect(offered).toHaveLength(12);
    expect(offered.slice(0, 2)).toEqual(['no month (one phase)', 'March 2025']);
    expect(offered[11]).toBe('January 2026');
    expect(recalculate.value).toBe('');
    expect(screen.getByText(/Making Data Count advises at least 12 months in each phase where possible/)).toBeTruthy();
    // One phase, 20 to 33: mean 26.5, moving ranges all 1, limits 26.5 ∓ 2.66 → 23.8% to 29.2%; 33 lies above them.
    expect(cells('January 2026')).toEqual(['January 2026', '32.0%', '1.0%', '26.5%', '23.8%', '29.2%']);
    expect(screen.getByRole('img', { name: 'Special cause variation: improvement, higher values' })).toBeTruthy();

    fireEvent.change(recalculate, { target: { value: '2026-01' } });
    // Phase 1, January to December 2025 (20 to 31): mean 25.5, limits 25.5 ∓ 2.66 → 22.8% to 28.2%.
    // Phase 2, January and February 2026 (32, 33): mean 32.5, moving range 1 (the step from 31 is left out),
    // limits 29.8% to 35.2%; neither point is special, so the variation icon (the latest phase's) is common cause.
    expect(cells('December 2025')).toEqual(['December 2025', '31.0%', '1.0%', '25.5%', '22.8%', '28.2%']);
    expect(cells('January 2026')).toEqual(['January 2026', '32.0%', '', '32.5%', '29.8%', '35.2%']);
    expect(cells('February 2026')).toEqual(['February 2026', '33.0%', '1.0%', '32.5%', '29.8%', '35.2%']);
    expect(screen.getByText('Riverside Surgery: XmR chart by month (mean 25.5%, limits 22.8% to 28.2%; recalculated from January 2026: mean 32.5%, limits 29.8% to 35.2%)')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Common cause variation: no significant change' })).toBeTruthy();
    expect(screen.getByText(/The icons are those of the latest phase, from January 2026, against its own limits\./)).toBeTruthy();
    expect(screen.getByText(/Here the phase from January 2026 has 2 months: read its limits with care\./)).toBeTruthy();
    expect(screen.getByText(/The limits are recalculated from January 2026: each phase has its own mean and limits/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Legend' }).textContent).toContain('Limits recalculated from January 2026');
    // The first phase has 12 months: no baseline of 12 to offer.
    expect(screen.queryByLabelText('Mean and limits from')).toBeNull();

    fireEvent.change(recalculate, { target: { value: '' } });
    expect(cells('January 2026')).toEqual(['January 2026', '32.0%', '1.0%', '26.5%', '23.8%', '29.2%']);
  });

  it('takes the baseline from the first phase only', async () => {
    fakeApplying(PRACTICE, []);
    renderSpc(PRACTICE, rising(16));
    fireEvent.change(await screen.findByLabelText('Recalculate the limits from'), { target: { value: '2026-02' } });
    // Phase 1, January 2025 to January 2026 (20 to 32): mean 26, limits 26 ∓ 2.66 → 23.3% to 28.7%.
    // Phase 2, February to April 2026 (33 to 35): mean 34, limits 31.3% to 36.7%.
    expect(cells('January 2026')).toEqual(['January 2026', '32.0%', '1.0%', '26.0%', '23.3%', '28.7%']);
    expect(cells('February 2026')).toEqual(['February 2026', '33.0%', '', '34.0%', '31.3%', '36.7%']);
    expect(screen.getByText('A baseline sets the mean and limits of the first phase, before February 2026; the phase from February 2026 takes its own from all its months.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Mean and limits from'), { target: { value: 'baseline' } });
    // Phase 1 from its first 12 months (20 to 31): mean 25.5, limits 22.8% to 28.2%; phase 2 unchanged.
    expect(cells('January 2026')).toEqual(['January 2026', '32.0%', '1.0%', '25.5%', '22.8%', '28.2%']);
    expect(cells('February 2026')).toEqual(['February 2026', '33.0%', '', '34.0%', '31.3%', '36.7%']);
    expect(screen.getByText(/both from the first 12 months \(a baseline\), against which the later months of the first phase are judged/)).toBeTruthy();
  });

  it('offers the third month of four, and no recalculation with three months', async () => {
    fakeApplying(PRACTICE, []);
    const { unmount } = renderSpc(PRACTICE);
    const recalculate = await screen.findByLabelText<HTMLSelectElement>('Recalculate the limits from');
    expect(within(recalculate).getAllByRole('option').map((o) => o.textContent)).toEqual(['no month (one phase)', 'March 2026']);
    // One phase: its shortness is the chart's ('Fewer than 15 points'), not a phase's.
    expect(screen.getByText(/Fewer than 15 points: read the limits with care\./)).toBeTruthy();
    expect(screen.queryByText(/Here the phase/)).toBeNull();
    fireEvent.change(recalculate, { target: { value: '2026-03' } });
    // 40 44 | 42 46: means 42 and 44, each with the moving range 4 (the step 44 → 42 left out): limits 42 ∓ 10.64 →
    // 31.4% to 52.6%, and 44 ∓ 10.64 → 33.4% to 54.6%.
    expect(cells('February 2026')).toEqual(['February 2026', '44.0%', '4.0%', '42.0%', '31.4%', '52.6%']);
    expect(cells('March 2026')).toEqual(['March 2026', '42.0%', '', '44.0%', '33.4%', '54.6%']);
    expect(screen.getByText(/Here the phase before March 2026 has 2 months and the phase from March 2026 has 2 months: read their limits with care\./)).toBeTruthy();
    unmount();
    renderSpc(PRACTICE, POINTS.slice(0, 3));
    await screen.findByText(/No target has been set/);
    expect(screen.queryByLabelText('Recalculate the limits from')).toBeNull();
  });
});

describe('SPC view: provisional months', () => {
  it('shows a provisional month after the others, as a hollow point left out of the mean, limits, rules and choices', async () => {
    fakeApplying(PRACTICE, []);
    const planShared = { ...MEASURE_LIST.measures.find((m) => m.id === 'plan_shared')!, followUpDays: 28 };
    // 40, 44, 42, 46 final and May's 10 provisional. From the final four: mean 43, limits 34.13 to 51.87 (see POINTS),
    // 46 common cause. With May counted the mean would be 36.4 (moving ranges 4, 2, 4, 36: limits 5.8 to 67.0).
    renderSpc(PRACTICE, [...POINTS, seriesPoint('2026-05', { numerator: 10, denominator: 100, rate: 10, provisional: true })], planShared);
    expect(await screen.findByText('Riverside Surgery: XmR chart by month (mean 43.0%, limits 34.1% to 51.9%)')).toBeTruthy();
    const may = within(screen.getByRole('table')).getByRole('rowheader', { name: 'May 2026 (provisional)' }).closest('tr')!;
    expect(within(may).getAllByRole('cell').map((c) => c.textContent)).toEqual(['10.0%', '', '', '', '', 'Provisional: not judged', '']);
    expect(screen.getByRole('img', { name: 'Common cause variation: no significant change' })).toBeTruthy();
    // Four final months: only March can start a phase (two before it, two from it), as without May.
    const recalculate = screen.getByLabelText<HTMLSelectElement>('Recalculate the limits from');
    expect(within(recalculate).getAllByRole('option').map((o) => o.textContent)).toEqual(['no month (one phase)', 'March 2026']);
    expect(screen.getByRole('list', { name: 'Legend' }).textContent).toContain(
      'Provisional: plans agreed in a month’s last 28 days may not yet be recorded as shared, so figures may rise at the next refresh (not judged)',
    );
    expect(screen.getByText(/May 2026 is provisional \(figures can still rise\): shown as hollow points, left out of the mean, limits, rules and icons\./)).toBeTruthy();
  });
});
