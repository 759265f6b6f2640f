import type { SnapshotRow } from '@pcsp/analytics';
import type { AuthUser } from '../../common/auth.decorators';
import { OrgsService } from '../orgs/orgs.service';
import type { SnapshotService } from '../snapshot/snapshot.service';
import { TargetsService } from './targets.service';
import type { TargetsRepository } from './targets.repository';
import { problemBody, queryRefusalOf, refusalOf } from '../../testing/refusals';
import { SetTargetDto } from './dto/set-target.dto';

/** ICB QHM, its PCN Blyth PCN and practice A81001; the snapshot's months 2021-12 to 2026-11. */
const ROWS: SnapshotRow[] = [
  { code: 'ENG', name: 'England', level: 'england', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: null, region_code: null },
  { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb', parent_code: 'Y63', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'U12345', name: 'Blyth PCN', level: 'pcn', parent_code: 'QHM', pcn_code: 'U12345', sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'A81001', name: 'The Surgery', level: 'practice', parent_code: 'U12345', pcn_code: 'U12345', sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
];

/** The service over ROWS with no targets stored (none to remove, none stored by set: each asked here is refused first). */
function targetsService(): TargetsService {
  const snapshot = {
    describe: async () => ({ builtAt: '2026-12-10T06:00:00Z', lastMonth: '2026-11', firstMonth: '2021-12', asOf: '2026-12-10', file: 'snapshot-a.duckdb' }),
    query: async () => ROWS,
  } as unknown as SnapshotService;
  const repository = {
    list: async () => [],
    remove: async () => null,
    upsert: async () => {
      throw new Error('a refused target was stored');
    },
  } as unknown as TargetsRepository;
  return new TargetsService(repository, new OrgsService(snapshot), snapshot);
}

const adminUser: AuthUser = { id: 'a1', email: 'a@test.nhs.uk', name: 'A', role: 'admin', areas: [], sessionId: 's1', via: 'cookie', expiresAt: new Date('2030-01-01') };

const icbUser: AuthUser = { id: 'u1', email: 'u@test.nhs.uk', name: 'U', role: 'commissioner', areas: ['QHM'], sessionId: 's1', via: 'cookie', expiresAt: new Date('2030-01-01') };

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/targets/progress');

describe('TargetsService refusals, each with the parameter and a reason code', () => {
  it.each([
    ['progress', (service: TargetsService) => service.progress(icbUser, 'QHM', 'plan_cover')],
    ['applying', (service: TargetsService) => service.applying(icbUser, 'QHM', 'plan_cover')],
  ])('400 unknown_measure with the id sent, for %s of one measure', async (_name, ask) => {
    const detail = 'measure: there is no measure "plan_cover"';
    await expect(problemOf(ask(targetsService()))).resolves.toEqual(problemBody(400, '/api/targets/progress', { parameter: 'measure', message: detail, code: 'unknown_measure', value: 'plan_cover' }));
  });

  it('400 no_better_direction with the measure’s id, for progress of a measure where neither higher nor lower is better', async () => {
    const detail = 'measure: ltc_prevalence has no better direction, so it cannot have a target';
    await expect(problemOf(targetsService().progress(icbUser, 'QHM', 'ltc_prevalence'))).resolves.toEqual(problemBody(400, '/api/targets/progress', { parameter: 'measure', message: detail, code: 'no_better_direction', value: 'ltc_prevalence' }));
  });
});

describe('TargetsService refusals of a target set or removed, each with the parameter and a reason code', () => {
  const set = (body: Partial<SetTargetDto>) =>
    refusalOf(targetsService().set(adminUser, { measure: 'plan_coverage', org: 'QHM', targetRate: 95, targetMonth: '2027-03', ...body } as SetTargetDto), '/api/targets');

  it('400 no_better_direction with the measure’s id, in the whole problem', async () => {
    const detail = 'measure: ltc_prevalence has no better direction, so it cannot have a target';
    await expect(set({ measure: 'ltc_prevalence' })).resolves.toEqual(problemBody(400, '/api/targets', { parameter: 'measure', message: detail, code: 'no_better_direction', value: 'ltc_prevalence' }));
  });

  // A sub-ICB location, an ICB, a region or England takes a target; Blyth PCN (U12345) and The Surgery (A81001) do not.
  it.each([
    ['A81001', 'The Surgery', 'practice'],
    ['U12345', 'Blyth PCN', 'pcn'],
  ])('400 wrong_level with the code, name and the levels a target is set for, for %s', async (code, name, level) => {
    const detail = `org must be an area (sub-ICB, ICB, region or ENG for England), not a ${level}`;
    await expect(set({ org: code }).then((p) => p.errors)).resolves.toEqual([
      { parameter: 'org', message: detail, code: 'wrong_level', value: code, name, levels: ['sub_icb', 'icb', 'region', 'england'] },
    ]);
  });

  // plan_coverage is a percentage (0 to 100); overdue_reviews a count and emergency_admissions a rate per 1,000 (0 to 1,000,000).
  it.each([
    ['plan_coverage', 120, 'targetRate must be a percentage from 0 to 100 for plan_coverage (got 120)', 100],
    ['plan_coverage', 2_000_000, 'targetRate must be a percentage from 0 to 100 for plan_coverage (got 2000000)', 100],
    ['plan_coverage', -0.5, 'targetRate must not be negative (got -0.5)', 100],
    ['overdue_reviews', -1, 'targetRate must not be negative (got -1)', 1_000_000],
    ['emergency_admissions', 1_000_000.5, 'targetRate must be at most 1,000,000 (got 1000000.5)', 1_000_000],
  ] as const)('400 target_out_of_range with the number sent and the limits, for %s at %d', async (measure, targetRate, detail, max) => {
    await expect(set({ measure, targetRate }).then((p) => p.errors)).resolves.toEqual([
      { parameter: 'targetRate', message: detail, code: 'target_out_of_range', value: String(targetRate), limits: { min: 0, max } },
    ]);
  });

  it('404 unknown_target with the id sent, for a target no longer there', async () => {
    const id = '0b7f5c1e-3d2a-4c8e-9f10-1a2b3c4d5e6f';
    const detail = `id: there is no target "${id}"`;
    await expect(refusalOf(targetsService().remove(id), `/api/targets/${id}`)).resolves.toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail,
      instance: `/api/targets/${id}`,
      errors: [{ parameter: 'id', message: detail, code: 'unknown_target', value: id }],
    });
  });
});

describe('SetTargetDto gives a measure no measure has and a target month that is no month a reason code', () => {
  const body = { measure: 'plan_coverage', org: 'QHM', targetRate: 95, targetMonth: '2027-03' };

  it('400 unknown_measure with the id sent', async () => {
    const message = 'measure must be a measure id (GET /api/measures lists them) (got "plan_cover")';
    await expect(queryRefusalOf(SetTargetDto, { ...body, measure: 'plan_cover' }).then((p) => p.errors)).resolves.toEqual([
      { parameter: 'measure', message, code: 'unknown_measure', value: 'plan_cover' },
    ]);
  });

  it.each(['2027-3', 'March 2027', '2027-13'])('400 not_a_month with the text sent, for %s', async (targetMonth) => {
    const message = `targetMonth must be a month YYYY-MM from 2000-01 to 2099-12 (got "${targetMonth}")`;
    await expect(queryRefusalOf(SetTargetDto, { ...body, targetMonth }).then((p) => p.errors)).resolves.toEqual([
      { parameter: 'targetMonth', message, code: 'not_a_month', value: targetMonth },
    ]);
  });

  it.each(['1999-12', '2100-01'])('400 in the same words but no code for %s, a month outside 2000-01 to 2099-12', async (targetMonth) => {
    const message = `targetMonth must be a month YYYY-MM from 2000-01 to 2099-12 (got "${targetMonth}")`;
    await expect(queryRefusalOf(SetTargetDto, { ...body, targetMonth }).then((p) => p.errors)).resolves.toEqual([{ parameter: 'targetMonth', message }]);
  });
});
