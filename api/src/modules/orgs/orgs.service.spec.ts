import type { SnapshotRow } from '@pcsp/analytics';
import type { SnapshotService } from '../snapshot/snapshot.service';
import { OrgsService } from './orgs.service';
import { problemBody, refusalOf, userOf } from '../../testing/refusals';

/** England, region Y63 holding ICB QHM and practice A81001 under it, region Y56 holding ICB QMJ and practice F83001. */
const ROWS: SnapshotRow[] = [
  { code: 'ENG', name: 'England', level: 'england', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: null, region_code: null },
  { code: 'Y63', name: 'North East and Yorkshire', level: 'region', parent_code: 'ENG', pcn_code: null, sub_icb_code: null, icb_code: null, region_code: 'Y63' },
  { code: 'Y56', name: 'London', level: 'region', parent_code: 'ENG', pcn_code: null, sub_icb_code: null, icb_code: null, region_code: 'Y56' },
  { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb', parent_code: 'Y63', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'QMJ', name: 'North Central London ICB', level: 'icb', parent_code: 'Y56', pcn_code: null, sub_icb_code: null, icb_code: 'QMJ', region_code: 'Y56' },
  { code: 'A81001', name: 'The Surgery', level: 'practice', parent_code: 'QHM', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'F83001', name: 'Camden Health Centre', level: 'practice', parent_code: 'QMJ', pcn_code: null, sub_icb_code: null, icb_code: 'QMJ', region_code: 'Y56' },
];

/** The service over a snapshot that holds ROWS as its organisations. */
const orgsService = () =>
  new OrgsService({
    describe: async () => ({ builtAt: '2024-06-10T06:00:00Z', lastMonth: '2024-05', firstMonth: '2023-01', asOf: '2024-06-10', file: 'snapshot-a.duckdb' }),
    query: async () => ROWS,
  } as unknown as SnapshotService);

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/orgs/x');

describe('OrgsService.resolve refusals, each with the parameter and a reason code', () => {
  const icbUser = userOf('commissioner', ['QHM']);

  it('400 not_an_organisation_code with the text sent, for a code of the wrong shape', async () => {
    await expect(problemOf(orgsService().resolve(icbUser, 'J76-455', 'org'))).resolves.toEqual(problemBody(400, '/api/orgs/x', { parameter: 'org', message: 'org must be an organisation code (1 to 8 capital letters or digits) (got "J76-455")', code: 'not_an_organisation_code', value: 'J76-455' }));
  });

  it('404 unknown_organisation with the code, for a code no organisation has', async () => {
    await expect(problemOf(orgsService().resolve(icbUser, 'ZZZ999', 'code'))).resolves.toEqual(problemBody(404, '/api/orgs/x', { parameter: 'code', message: 'code: no organisation has the code ZZZ999', code: 'unknown_organisation', value: 'ZZZ999' }));
  });

  it('403 outside_area with the code and name, for an organisation outside the user’s ICB', async () => {
    // F83001 is in QMJ; the user sees QHM only.
    await expect(problemOf(orgsService().resolve(icbUser, 'F83001', 'org'))).resolves.toEqual(problemBody(403, '/api/orgs/x', { parameter: 'org', message: 'org: F83001 (Camden Health Centre) is outside your area', code: 'outside_area', value: 'F83001', name: 'Camden Health Centre' }));
  });
});
