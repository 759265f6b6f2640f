import '../../../test/polyfills';
import type { Session } from '@pcsp/contract/auth.contract';
import type { OrganisationDetail, OrganisationList } from '@pcsp/contract/organisations.contract';
import { screen, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { PRACTICE, standardApi } from '../../../test/api-fixtures';
import { PRACTICE_LEAD, practiceApi } from '../../../test/practice-api';
import { installFakeApi, renderAt, SESSION, type FakeApi } from '../../../test/render-app';
import { mayOpenParent } from './organisation-path';

/** A practice with the whole chain above it, nearest first. */
const DEEP_PRACTICE: OrganisationDetail = {
  ...PRACTICE,
  parents: [
    { code: 'PCN01', name: 'Riverside PCN', level: 'pcn' },
    { code: 'SUB01', name: 'North Sub-ICB', level: 'sub_icb' },
    { code: 'QWE', name: 'NHS North ICB', level: 'icb' },
    { code: 'Y01', name: 'North Region', level: 'region' },
    { code: 'ENG', name: 'England', level: 'england' },
  ],
};

const PCN: OrganisationDetail = {
  code: 'PCN01',
  name: 'Riverside PCN',
  level: 'pcn',
  parentCode: 'SUB01',
  parents: DEEP_PRACTICE.parents.slice(1),
  children: [],
};

const PCN_PRACTICES: OrganisationList = {
  total: 2,
  offset: 0,
  limit: 1000,
  organisations: [
    { code: 'A00001', name: 'Hill Street Practice', level: 'practice', parentCode: 'PCN01' },
    { code: 'B00002', name: 'Riverside Surgery', level: 'practice', parentCode: 'PCN01' },
  ],
};

/** The standard fake API, with `details` answering GET /orgs/:code (not its /summary, which standardApi's prefixes would catch). */
const withDetails = (base: FakeApi, details: OrganisationDetail[]): FakeApi => (path, init) => {
  const detail = details.find((d) => path.split('?')[0] === `/orgs/${d.code}`);
  return detail ? { body: detail } : base(path, init);
};

const as = (role: Session['user']['role'], areas: string[]): Session => ({ ...SESSION, user: { ...SESSION.user, role, areas } });

/** The paragraph under the h1 naming what the card's subject sits in. */
const path = async () => screen.findByTestId('organisation-path');
const linksIn = (element: HTMLElement) => within(element).queryAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]);

describe('report card: the organisations it sits in', () => {
  it('links a commissioner to the PCN, sub-ICB and ICB inside their ICB, and names the region and England without a link', async () => {
    installFakeApi(withDetails(standardApi(), [DEEP_PRACTICE]));
    renderAt(routes, '/org/A00001');
    const inside = await path();
    expect(inside.textContent).toBe('In Riverside PCN, North Sub-ICB, NHS North ICB, North Region, England');
    // The h1 names the practice only, with its level and code as a caption: the hierarchy is not read out as the heading.
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Hill Street Practice Practice A00001');
    expect(heading.querySelector('.nhsuk-caption-l')?.textContent).toBe('Practice A00001');
    expect(heading.nextElementSibling).toBe(inside);
    expect(linksIn(inside)).toEqual([
      ['Riverside PCN', '/org/PCN01'],
      ['North Sub-ICB', '/org/SUB01'],
      ['NHS North ICB', '/org/QWE'],
    ]);
  });

  it('links a practice lead to the PCN, sub-ICB and ICB of a practice they may open, not to the region', async () => {
    installFakeApi(withDetails(practiceApi(), [{ ...DEEP_PRACTICE, code: 'B00002', name: 'Riverside Surgery' }]));
    renderAt(routes, '/org/B00002');
    expect(linksIn(await path()).map(([name]) => name)).toEqual(['Riverside PCN', 'North Sub-ICB', 'NHS North ICB']);
  });

  it('follows the API’s access scope for every role', async () => {
    const parents = DEEP_PRACTICE.parents;
    const open = (session: Session) => parents.map((_, i) => mayOpenParent(session, parents, i));
    // PCN, sub-ICB, ICB, region, England.
    await expect(Promise.resolve(open(as('admin', [])))).resolves.toEqual([true, true, true, true, true]);
    await expect(Promise.resolve(open(as('commissioner', ['QWE'])))).resolves.toEqual([true, true, true, false, false]);
    await expect(Promise.resolve(open(as('network', ['PCN01'])))).resolves.toEqual([true, false, false, false, false]);
    await expect(Promise.resolve(open(PRACTICE_LEAD))).resolves.toEqual([true, true, true, false, false]);
  });
});

describe('report card: a PCN’s practices', () => {
  const pcnApi = (): { api: FakeApi; asked: string[] } => {
    const asked: string[] = [];
    const base = withDetails(standardApi(), [PCN]);
    return {
      asked,
      api: (path, init) => {
        if (path.startsWith('/orgs?')) {
          asked.push(path);
          return { body: PCN_PRACTICES };
        }
        return base(path, init);
      },
    };
  };

  it('lists them, each a link to its report card, from GET /orgs by parent', async () => {
    const { api, asked } = pcnApi();
    installFakeApi(api);
    renderAt(routes, '/org/PCN01');
    const list = await screen.findByTestId('practice-list');
    expect(screen.getByRole('heading', { level: 2, name: 'Practices in Riverside PCN' })).toBeTruthy();
    expect(linksIn(list)).toEqual([
      ['Hill Street Practice', '/org/A00001'],
      ['Riverside Surgery', '/org/B00002'],
    ]);
    expect(asked.filter((p) => p.includes('level=practice'))).toEqual(['/orgs?level=practice&parent=PCN01&limit=1000']);
  });

  it('lists none on a practice’s card and asks for none', async () => {
    const { api, asked } = pcnApi();
    installFakeApi(api);
    renderAt(routes, '/org/A00001');
    await screen.findByTestId('report-card');
    expect(screen.queryByTestId('practice-list')).toBeNull();
    expect(asked.filter((p) => p.includes('level=practice'))).toEqual([]);
  });
});
