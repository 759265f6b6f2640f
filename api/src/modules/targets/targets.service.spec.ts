import type { SnapshotRow } from '@pcsp/analytics';
import type { AuthUser } from '../../common/auth.decorators';
import { OrgsService } from '../orgs/orgs.service';
import type { SnapshotService } from '../snapshot/snapshot.service';
import { TargetsService } from './targets.service';
import type { TargetsRepository } from './targets.repository';
import { refusalOf } from '../../testing/refusals';

/** ICB QHM; the snapshot's months 2021-12 to 2026-11. */
const ROWS: SnapshotRow[] = [
  { code: 'ENG', name: 'England', level: 'england', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: null, region_code: null },
  { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb', parent_code: 'Y63', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
];

/** The service over ROWS with no targets stored; the measure is refused before any is read. */
function targetsService(): TargetsService {
  const snapshot = {
    describe: async () => ({ builtAt: '2026-12-10T06:00:00Z', lastMonth: '2026-11', firstMonth: '2021-12', asOf: '2026-12-10', file: 'snapshot-a.duckdb' }),
    query: async () => ROWS,
  } as unknown as SnapshotService;
  return new TargetsService({ list: async () => [] } as unknown as TargetsRepository, new OrgsService(snapshot), snapshot);
}

const icbUser: AuthUser = { id: 'u1', email: 'u@test.nhs.uk', name: 'U', role: 'commissioner', areas: ['QHM'], sessionId: 's1', via: 'cookie', expiresAt: new Date('2030-01-01') };

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/targets/progress');

describe('TargetsService refusals, each with the parameter and a reason code', () => {
  it.each([
    ['progress', (service: TargetsService) => service.progress(icbUser, 'QHM', 'plan_cover')],
    ['applying', (service: TargetsService) => service.applying(icbUser, 'QHM', 'plan_cover')],
  ])('400 unknown_measure with the id sent, for %s of one measure', async (_name, ask) => {
    const detail = 'measure: there is no measure "plan_cover"';
    await expect(problemOf(ask(targetsService()))).resolves.toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: '/api/targets/progress',
      errors: [{ parameter: 'measure', message: detail, code: 'unknown_measure', value: 'plan_cover' }],
    });
  });
});
