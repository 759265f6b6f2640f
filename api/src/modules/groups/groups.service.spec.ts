import type { SnapshotRow } from '@pcsp/analytics';
import type { AuthUser } from '../../common/auth.decorators';
import type { Role } from '../../contract/auth.contract';
import { OrgsService } from '../orgs/orgs.service';
import type { SnapshotService } from '../snapshot/snapshot.service';
import type { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';
import type { PracticeGroup } from './practice-group.entity';
import { problemBody, refusalOf } from '../../testing/refusals';

/** ICB QHM (region Y63) holding practices A81001 and A81002; ICB QMJ (region Y56) holding F83001 and F83002. */
const ROWS: SnapshotRow[] = [
  { code: 'ENG', name: 'England', level: 'england', parent_code: null, pcn_code: null, sub_icb_code: null, icb_code: null, region_code: null },
  { code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb', parent_code: 'Y63', pcn_code: null, sub_icb_code: null, icb_code: 'QHM', region_code: 'Y63' },
  { code: 'QMJ', name: 'North Central London ICB', level: 'icb', parent_code: 'Y56', pcn_code: null, sub_icb_code: null, icb_code: 'QMJ', region_code: 'Y56' },
  ...[
    ['A81001', 'The Surgery', 'QHM', 'Y63'],
    ['A81002', 'Harbour Medical Practice', 'QHM', 'Y63'],
    ['F83001', 'Camden Health Centre', 'QMJ', 'Y56'],
    ['F83002', 'Kentish Town Surgery', 'QMJ', 'Y56'],
  ].map(([code, name, icb, region]) => ({ code, name, level: 'practice', parent_code: icb, pcn_code: null, sub_icb_code: null, icb_code: icb, region_code: region })),
];

const OWNER = 'owner-1';

/** Group 7 "East side", shared, of F83001 and F83002 (ICB QMJ), owned by OWNER; group 8, not shared, also OWNER's. */
const GROUPS: PracticeGroup[] = [
  { id: 7, name: 'East side', ownerId: OWNER, shared: true, icbCode: 'QMJ', practices: ['F83001', 'F83002'], createdAt: new Date('2024-01-01') },
  { id: 8, name: 'Private', ownerId: OWNER, shared: false, icbCode: 'QMJ', practices: ['F83001', 'F83002'], createdAt: new Date('2024-01-01') },
];

/** The service over a snapshot of ROWS and a store of GROUPS, where a group changed is gone by the time it is read back. */
function groupsService(): GroupsService {
  const snapshot = {
    describe: async () => ({ builtAt: '2024-06-10T06:00:00Z', lastMonth: '2024-05', firstMonth: '2023-01', asOf: '2024-06-10', file: 'snapshot-a.duckdb' }),
    query: async () => ROWS,
  } as unknown as SnapshotService;
  const repository = {
    findById: async (id: number) => GROUPS.find((g) => g.id === id) ?? null,
    update: async () => null,
  } as unknown as GroupsRepository;
  return new GroupsService(repository, new OrgsService(snapshot));
}

const userOf = (id: string, role: Role, areas: string[]): AuthUser => ({ id, email: `${id}@test.nhs.uk`, name: id, role, areas, sessionId: 's1', via: 'cookie', expiresAt: new Date('2030-01-01') });

const problemOf = (promise: Promise<unknown>) => refusalOf(promise, '/api/x');

describe('GroupsService refusals, each with the parameter and a reason code', () => {
  const qhmUser = userOf('someone-else', 'commissioner', ['QHM']);

  it.each([
    ['no group has the id', 'group:99'],
    ['the group is another user’s and not shared', 'group:8'],
  ])('404 unknown_group with the group’s code where %s', async (_why, code) => {
    const detail = `within: there is no group ${code}`;
    await expect(problemOf(groupsService().resolve(qhmUser, code, 'within'))).resolves.toEqual(problemBody(404, '/api/x', { parameter: 'within', message: detail, code: 'unknown_group', value: code }));
  });

  it('403 group_outside_area with the group’s code and name, for a shared group of practices outside the user’s ICB', async () => {
    // Group 7 holds QMJ's practices; the user sees QHM only.
    const detail = 'within: group:7 (East side) holds practices outside your area';
    await expect(problemOf(groupsService().resolve(qhmUser, 'group:7', 'within'))).resolves.toEqual(problemBody(403, '/api/x', { parameter: 'within', message: detail, code: 'group_outside_area', value: 'group:7', name: 'East side' }));
  });

  it('403 outside_area with the practice’s code and name, for a new group listing a practice outside the user’s ICB', async () => {
    // practices[1] is F83001, of QMJ.
    const detail = 'practices[1]: F83001 (Camden Health Centre) is outside your area';
    await expect(problemOf(groupsService().create(qhmUser, { name: 'Mixed', practices: ['A81001', 'F83001'] }))).resolves.toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail,
      instance: '/api/x',
      errors: [{ parameter: 'practices[1]', message: detail, code: 'outside_area', value: 'F83001', name: 'Camden Health Centre' }],
    });
  });

  it('404 unknown_group when the group is gone by the time a change to it is read back', async () => {
    const owner = userOf(OWNER, 'commissioner', ['QMJ']);
    const detail = 'id: there is no group group:7';
    await expect(problemOf(groupsService().update(owner, 7, { shared: false }))).resolves.toEqual(problemBody(404, '/api/x', { parameter: 'id', message: detail, code: 'unknown_group', value: 'group:7' }));
  });

  // group:0 (numbers start at 1) and group:east are shaped like no group; GET /orgs/:code/summary reaches this check
  // with the path's code, which no DTO has checked.
  it.each(['group:0', 'group:east'])('400 not_an_organisation_code with the text sent, for %s, in the whole problem', async (code) => {
    const detail = `code must be a group (group:<number>) (got "${code}")`;
    await expect(problemOf(groupsService().resolve(qhmUser, code, 'code'))).resolves.toEqual(problemBody(400, '/api/x', { parameter: 'code', message: detail, code: 'not_an_organisation_code', value: code }));
  });
});
