import type { SnapshotRow } from '@pcsp/analytics';
import type { AppConfig } from '../../config/app-config';
import type { GroupsRepository } from '../groups/groups.repository';
import { GroupsService } from '../groups/groups.service';
import type { PracticeGroup } from '../groups/practice-group.entity';
import { CompareQueryDto } from './dto/compare-query.dto';
import { OrgsService } from '../orgs/orgs.service';
import type { SnapshotService } from '../snapshot/snapshot.service';
import { MeasuresService } from './measures.service';
import { problemBody, refusalOf, userOf } from '../../testing/refusals';

/** ICB QHM holding practices A81001 and A81002; the snapshot's months 2021-12 to 2026-11. */
const ROWS: SnapshotRow[] = [
  { code: 'ENG', name: 'England', level: 'england', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: null, region_code: null },
  { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb', parent_code: 'Y63', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'A81001', name: 'The Surgery', level: 'practice', parent_code: 'QHM', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'A81002', name: 'Harbour Medical Practice', level: 'practice', parent_code: 'QHM', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
];

/** group:7, user u1's own group of QHM's two practices. */
const GROUP = { id: 7, name: 'East side', ownerId: 'u1', shared: false, icbCode: 'QHM', practices: ['A81001', 'A81002'] } as PracticeGroup;

/** The service over ROWS and GROUP, the snapshot's months from `firstMonth` to 2026-11; every refusal under test comes before a figure is read. */
function measuresService(firstMonth = '2021-12'): MeasuresService {
  const snapshot = {
    describe: async () => ({ builtAt: '2026-12-10T06:00:00Z', lastMonth: '2026-11', firstMonth, asOf: '2026-12-10', file: 'snapshot-a.duckdb' }),
    query: async () => ROWS,
  } as unknown as SnapshotService;
  const orgs = new OrgsService(snapshot);
  const groups = new GroupsService({ findById: async (id: number) => (id === GROUP.id ? GROUP : null) } as unknown as GroupsRepository, orgs);
  return new MeasuresService(snapshot, orgs, groups, { disclosureControl: true } as AppConfig);
}

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/measures/x/series');

describe('MeasuresService refusals, each with the parameter and a reason code', () => {
  const practiceUser = userOf('practice', ['A81001']);

  it('404 unknown_measure with the id sent', async () => {
    const detail = 'id: there is no measure "plan_cover" (GET /api/measures lists them)';
    await expect(problemOf(measuresService().series(practiceUser, 'plan_cover', { org: 'A81001' }))).resolves.toEqual(problemBody(404, '/api/measures/x/series', { parameter: 'id', message: detail, code: 'unknown_measure', value: 'plan_cover' }));
  });

  it.each([
    ['to', { org: 'A81001', to: '2031-01' }, '2031-01'],
    ['from', { org: 'A81001', from: '2021-11' }, '2021-11'],
  ])('400 month_outside_range with the month and the snapshot’s first and last months, for %s', async (parameter, query, month) => {
    const detail = `${parameter} must be a month from 2021-12 to 2026-11 (got "${month}")`;
    await expect(problemOf(measuresService().series(practiceUser, 'plan_coverage', query))).resolves.toEqual(problemBody(400, '/api/measures/x/series', { parameter, message: detail, code: 'month_outside_range', value: month, range: { first: '2021-12', last: '2026-11' } }));
  });

  it('403 own_practice_only with the breakdown, for a practice user asking for a peer practice’s figures by deprivation', async () => {
    // A81002 is in the user's ICB, so its whole figures may be seen, but not split.
    const detail = 'breakdown: figures by imd_quintile are available for your own practice only';
    await expect(problemOf(measuresService().series(practiceUser, 'plan_coverage', { org: 'A81002', breakdown: 'imd_quintile' }))).resolves.toEqual(problemBody(403, '/api/measures/x/series', { parameter: 'breakdown', message: detail, code: 'own_practice_only', value: 'imd_quintile' }));
  });

  it.each([
    // plan_coverage is split by the six dimensions of the registry, and not by plan (planSplit false).
    ['plan_coverage', 'sex_band', 'one of age_band, sex, ethnic_group, imd_quintile, ltc_count, register', ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register']],
    // activation has planSplit true: plan comes after the six.
    ['activation', 'carer', 'one of age_band, sex, ethnic_group, imd_quintile, ltc_count, register, plan', ['age_band', 'sex', 'ethnic_group', 'imd_quintile', 'ltc_count', 'register', 'plan']],
    // review_completion has no breakdowns and no plan split.
    ['review_completion', 'age_band', 'left out (this measure has no breakdowns)', []],
  ])('400 unknown_breakdown with the text sent and the measure’s breakdowns, for %s by %s', async (measure, breakdown, list, allowed) => {
    const detail = `breakdown must be ${list} for ${measure} (got "${breakdown}")`;
    await expect(problemOf(measuresService().series(practiceUser, measure, { org: 'A81001', breakdown }))).resolves.toEqual(problemBody(400, '/api/measures/x/series', { parameter: 'breakdown', message: detail, code: 'unknown_breakdown', value: breakdown, allowed }));
  });

  it('400 months_reversed with the first month sent, for from after to', async () => {
    const detail = 'from must not be after to (got from "2025-03", to "2025-01")';
    await expect(problemOf(measuresService().series(practiceUser, 'plan_coverage', { org: 'A81001', from: '2025-03', to: '2025-01' }))).resolves.toEqual(problemBody(400, '/api/measures/x/series', { parameter: 'from', message: detail, code: 'months_reversed', value: '2025-03' }));
  });

  it('400 span_too_long with the first month sent and the most months, for 121 months', async () => {
    // Months 2010-01 to 2026-11 in this snapshot; 2016-11 to 2026-11 is 10 years and one month: 121 > 120.
    const detail = 'from and to must span at most 120 months';
    await expect(problemOf(measuresService('2010-01').series(practiceUser, 'plan_coverage', { org: 'A81001', from: '2016-11', to: '2026-11' }))).resolves.toEqual(problemBody(400, '/api/measures/x/series', { parameter: 'from', message: detail, code: 'span_too_long', value: '2016-11', maxMonths: 120 }));
  });

  it('120 months (2016-12 to 2026-11) are not too long: the series goes past the check of the span', async () => {
    // Past the span, the series refuses the breakdown instead: so the span of exactly 120 months was taken.
    const refused = problemOf(measuresService('2010-01').series(practiceUser, 'plan_coverage', { org: 'A81001', from: '2016-12', to: '2026-11', breakdown: 'x' }));
    await expect(refused.then((p) => p.errors?.map((e) => e.code))).resolves.toEqual(['unknown_breakdown']);
  });
});

describe('MeasuresService refusals of a level, each with the levels the parameter takes', () => {
  const commissioner = userOf('commissioner', ['QHM']);
  const compare = (query: Partial<CompareQueryDto>) => Object.assign(new CompareQueryDto(), query);
  const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/measures/x/compare');

  it('400 level_not_allowed with the level sent and practice, for PCNs compared within a group', async () => {
    const detail = 'level must be practice when comparing within a group';
    await expect(problemOf(measuresService().compare(commissioner, 'plan_coverage', compare({ level: 'pcn', within: 'group:7' })))).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: '/api/measures/x/compare',
      errors: [{ parameter: 'level', message: detail, code: 'level_not_allowed', value: 'pcn', levels: ['practice'] }],
    });
  });

  it.each([
    // Above an ICB are a region and England; above a region England only.
    ['icb', 'icb', 'region or england', ['region', 'england']],
    ['region', 'icb', 'england', ['england']],
  ] as const)('400 level_not_allowed with the benchmark sent and the levels above, for %s compared with %s', async (level, benchmark, words, levels) => {
    const detail = `benchmark must be a level above ${level}: ${words} (got "${benchmark}")`;
    await expect(problemOf(measuresService().compare(commissioner, 'plan_coverage', compare({ level, benchmark })))).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: '/api/measures/x/compare',
      errors: [{ parameter: 'benchmark', message: detail, code: 'level_not_allowed', value: benchmark, levels: [...levels] }],
    });
  });

  it('400 wrong_level with the code, name and the levels at or above the level compared, for PCNs within a practice', async () => {
    const detail = 'within must be an area at or above pcn level (got "A81001", a practice)';
    await expect(problemOf(measuresService().compare(commissioner, 'plan_coverage', compare({ level: 'pcn', benchmark: 'icb', within: 'A81001' })))).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: '/api/measures/x/compare',
      errors: [{ parameter: 'within', message: detail, code: 'wrong_level', value: 'A81001', name: 'The Surgery', levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'] }],
    });
  });

  it('400 wrong_level with the code, name and the levels of an area, for deciles spread within a practice', async () => {
    const detail = 'within must be an area or a group of practices to spread deciles over, not a practice (A81002)';
    await expect(problemOf(measuresService().deciles(commissioner, 'plan_coverage', { within: 'A81002', level: 'practice' }))).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: '/api/measures/x/compare',
      errors: [{ parameter: 'within', message: detail, code: 'wrong_level', value: 'A81002', name: 'Harbour Medical Practice', levels: ['pcn', 'sub_icb', 'icb', 'region', 'england'] }],
    });
  });
});
