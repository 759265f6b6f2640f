import type { SnapshotRow } from '@pcsp/analytics';
import type { AppConfig } from '../../config/app-config';
import type { GroupsRepository } from '../groups/groups.repository';
import { GroupsService } from '../groups/groups.service';
import { OrgsService } from '../orgs/orgs.service';
import type { SnapshotService } from '../snapshot/snapshot.service';
import { MeasuresService } from './measures.service';
import { refusalOf, userOf } from '../../testing/refusals';

/** ICB QHM holding practices A81001 and A81002; the snapshot's months 2021-12 to 2026-11. */
const ROWS: SnapshotRow[] = [
  { code: 'ENG', name: 'England', level: 'england', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: null, region_code: null },
  { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb', parent_code: 'Y63', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'A81001', name: 'The Surgery', level: 'practice', parent_code: 'QHM', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'A81002', name: 'Harbour Medical Practice', level: 'practice', parent_code: 'QHM', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
];

/** The service over ROWS; every refusal under test comes before a figure is read. */
function measuresService(): MeasuresService {
  const snapshot = {
    describe: async () => ({ builtAt: '2026-12-10T06:00:00Z', lastMonth: '2026-11', firstMonth: '2021-12', asOf: '2026-12-10', file: 'snapshot-a.duckdb' }),
    query: async () => ROWS,
  } as unknown as SnapshotService;
  const orgs = new OrgsService(snapshot);
  const groups = new GroupsService({ findById: async () => null } as unknown as GroupsRepository, orgs);
  return new MeasuresService(snapshot, orgs, groups, { disclosureControl: true } as AppConfig);
}

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/measures/x/series');

describe('MeasuresService refusals, each with the parameter and a reason code', () => {
  const practiceUser = userOf('practice', ['A81001']);

  it('404 unknown_measure with the id sent', async () => {
    const detail = 'id: there is no measure "plan_cover" (GET /api/measures lists them)';
    await expect(problemOf(measuresService().series(practiceUser, 'plan_cover', { org: 'A81001' }))).resolves.toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail,
      instance: '/api/measures/x/series',
      errors: [{ parameter: 'id', message: detail, code: 'unknown_measure', value: 'plan_cover' }],
    });
  });

  it.each([
    ['to', { org: 'A81001', to: '2031-01' }, '2031-01'],
    ['from', { org: 'A81001', from: '2021-11' }, '2021-11'],
  ])('400 month_outside_range with the month and the snapshot’s first and last months, for %s', async (parameter, query, month) => {
    const detail = `${parameter} must be a month from 2021-12 to 2026-11 (got "${month}")`;
    await expect(problemOf(measuresService().series(practiceUser, 'plan_coverage', query))).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: '/api/measures/x/series',
      errors: [{ parameter, message: detail, code: 'month_outside_range', value: month, range: { first: '2021-12', last: '2026-11' } }],
    });
  });

  it('403 own_practice_only with the breakdown, for a practice user asking for a peer practice’s figures by deprivation', async () => {
    // A81002 is in the user's ICB, so its whole figures may be seen, but not split.
    const detail = 'breakdown: figures by imd_quintile are available for your own practice only';
    await expect(problemOf(measuresService().series(practiceUser, 'plan_coverage', { org: 'A81002', breakdown: 'imd_quintile' }))).resolves.toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail,
      instance: '/api/measures/x/series',
      errors: [{ parameter: 'breakdown', message: detail, code: 'own_practice_only', value: 'imd_quintile' }],
    });
  });
});
