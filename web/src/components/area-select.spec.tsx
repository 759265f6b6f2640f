import '../test/polyfills';
import type { Organisation, OrganisationDetail, OrganisationLevel, OrganisationList } from '@pcsp/contract/organisations.contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ICB, standardApi } from '../test/api-fixtures';
import { PRACTICE_LEAD, practiceApi } from '../test/practice-api';
import { useSearchParam } from '../lib/use-search-param';
import { installFakeApi, renderAt, type FakeApi } from '../test/render-app';
import { AreaSelect } from './area-select';

/** An ICB whose children are its sub-ICBs, as in the national data. */
const ICB_WITH_SUB_ICBS: OrganisationDetail = {
  ...ICB,
  children: [
    { code: 'SUB01', name: 'North Sub-ICB', level: 'sub_icb' },
    { code: 'SUB02', name: 'East Sub-ICB', level: 'sub_icb' },
  ],
};

const PCNS: OrganisationList = {
  total: 3,
  offset: 0,
  limit: 1000,
  organisations: [
    { code: 'PCN02', name: 'Hillside PCN', level: 'pcn', parentCode: 'SUB02' },
    { code: 'PCN03', name: 'Moorland PCN', level: 'pcn', parentCode: 'SUB01' },
    { code: 'PCN01', name: 'Riverside PCN', level: 'pcn', parentCode: 'SUB01' },
  ],
};

const recording = (base: FakeApi): { api: FakeApi; asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    api: (path, init) => {
      if (path.startsWith('/orgs?')) asked.push(path);
      return base(path, init);
    },
  };
};

const render = (value: string) => renderAt([{ path: '*', element: <AreaSelect value={value} onChange={() => undefined} /> }], '/');

/** The select's groups: label and option texts. */
const groupsOf = (select: HTMLElement) =>
  [...select.querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent)]);

describe('area select', () => {
  it('offers the PCNs of a commissioner’s ICB, grouped under their sub-ICBs', async () => {
    const { api, asked } = recording(
      standardApi({ '/orgs/QWE': { body: ICB_WITH_SUB_ICBS }, '/orgs?level=pcn&parent=QWE': { body: PCNS } }),
    );
    installFakeApi(api);
    render('PCN03');
    const select = await screen.findByLabelText('Area');
    await waitFor(() => expect(select.querySelectorAll('optgroup').length).toBe(4));
    expect(groupsOf(select)).toEqual([
      ['Your area', ['NHS North ICB (ICB)']],
      ['In NHS North ICB', ['North Sub-ICB (Sub-ICB location)', 'East Sub-ICB (Sub-ICB location)']],
      ['PCNs in East Sub-ICB', ['Hillside PCN (PCN)']],
      ['PCNs in North Sub-ICB', ['Moorland PCN (PCN)', 'Riverside PCN (PCN)']],
    ]);
    // A PCN chosen before (from the URL) shows by name, not as a bare code.
    expect((select as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Moorland PCN (PCN)');
    expect(asked).toEqual(['/orgs?level=pcn&parent=QWE&limit=1000']);
  });

  it('asks for no PCNs where they are the children already, and offers each once', async () => {
    const { api, asked } = recording(standardApi());
    installFakeApi(api);
    render('QWE');
    const select = await screen.findByLabelText('Area');
    await waitFor(() => expect(groupsOf(select)).toEqual([
      ['Your area', ['NHS North ICB (ICB)']],
      ['In NHS North ICB', ['Riverside PCN (PCN)']],
    ]));
    expect(asked).toEqual([]);
  });

  it('asks for no PCNs for a practice lead, whose area is their practice', async () => {
    const { api, asked } = recording(practiceApi());
    installFakeApi(api);
    render(PRACTICE_LEAD.areas[0]!.code);
    const select = await screen.findByLabelText('Area');
    await waitFor(() => expect(groupsOf(select)).toEqual([['Your area', ['Hill Street Practice (Practice)']]]));
    expect(asked).toEqual([]);
  });
});

/** Organisations inside NHS North ICB as the API lists them: by level (largest first), then name. */
const DIRECTORY: Organisation[] = [
  { code: 'QWE', name: 'NHS North ICB', level: 'icb', parentCode: 'Y01' },
  { code: 'SUB02', name: 'East Sub-ICB', level: 'sub_icb', parentCode: 'QWE' },
  { code: 'PCN02', name: 'Hillside PCN', level: 'pcn', parentCode: 'SUB02' },
  { code: 'PCN01', name: 'Riverside PCN', level: 'pcn', parentCode: 'QWE' },
  { code: 'A00001', name: 'Hill Street Practice', level: 'practice', parentCode: 'PCN01' },
  { code: 'A00002', name: 'Hilltop Surgery', level: 'practice', parentCode: 'PCN02' },
  { code: 'A00003', name: 'Moor Lane Surgery', level: 'practice', parentCode: 'PCN02' },
];

const EAST_SUB_ICB: OrganisationDetail = { code: 'SUB02', name: 'East Sub-ICB', level: 'sub_icb', parentCode: 'QWE', parents: [], children: [] };
const HILLTOP: OrganisationDetail = { code: 'A00002', name: 'Hilltop Surgery', level: 'practice', parentCode: 'PCN02', parents: [], children: [] };

/** The standard fake API, whose GET /orgs?q= searches DIRECTORY by code or name (and level) as the API does. */
const searchApi = (base: FakeApi = standardApi({ '/orgs/SUB02': { body: EAST_SUB_ICB }, '/orgs/A00002': { body: HILLTOP } })): FakeApi => (path, init) => {
  const params = new URLSearchParams(path.split('?')[1] ?? '');
  const q = params.get('q')?.toLowerCase();
  if (!path.startsWith('/orgs?') || !q) return base(path, init);
  const level = params.get('level');
  const limit = Number(params.get('limit'));
  const matches = DIRECTORY.filter((o) => (!level || o.level === level) && (o.code.toLowerCase().includes(q) || o.name.toLowerCase().includes(q)));
  const list: OrganisationList = { total: matches.length, offset: 0, limit, organisations: matches.slice(0, limit) };
  return { body: list };
};

/** An area select whose page keeps the chosen code, as the pages keep it in the URL; `chosen` records each onChange. */
function Page({ chosen, searchLevels }: { chosen: string[]; searchLevels?: OrganisationLevel[] }) {
  const [area, setArea] = useState('QWE');
  const change = (code: string) => {
    chosen.push(code);
    setArea(code);
  };
  return <AreaSelect value={area} onChange={change} searchLevels={searchLevels} />;
}

const renderPage = (chosen: string[], searchLevels?: OrganisationLevel[]) =>
  renderAt([{ path: '*', element: <Page chosen={chosen} searchLevels={searchLevels} /> }], '/');

/** The found organisations' buttons: the lines of each (name and code; level and parent). */
const foundButtons = () =>
  within(screen.getByRole('list', { name: /^Organisations matching/ }))
    .getAllByRole('button')
    .map((b) => [...b.children].map((line) => line.textContent));

describe('area select: finding an organisation', () => {
  it('lists the matching organisations with their level and parent, says how many, and sets the area to the one chosen', async () => {
    const requests = installFakeApi(searchApi());
    const chosen: string[] = [];
    renderPage(chosen);
    const search = await screen.findByLabelText('Find an organisation');
    fireEvent.change(search, { target: { value: 'hill' } });
    // 'hill' is in the names of Hillside PCN, Hill Street Practice and Hilltop Surgery only (not in any code), PCNs first.
    // Parents: East Sub-ICB asked for (/orgs/SUB02), Riverside PCN from the ICB's children, Hillside PCN from the results.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 organisations found.'));
    await waitFor(() => expect(foundButtons()).toEqual([
      ['Hillside PCN (PCN02)', 'PCN in East Sub-ICB'],
      ['Hill Street Practice (A00001)', 'Practice in Riverside PCN'],
      ['Hilltop Surgery (A00002)', 'Practice in Hillside PCN'],
    ]));
    expect(requests.map((r) => r.url).filter((u) => u.startsWith('/api/orgs?q='))).toEqual(['/api/orgs?q=hill&limit=20']);

    fireEvent.click(screen.getByRole('button', { name: 'Hilltop Surgery (A00002) Practice in Hillside PCN' }));
    expect(chosen).toEqual(['A00002']);
    // A practice is not among the select's options: it shows by name, and the focus stays in the search.
    const select = screen.getByLabelText('Area') as HTMLSelectElement;
    await waitFor(() => expect(select.selectedOptions[0]?.textContent).toBe('Hilltop Surgery (Practice)'));
    expect(screen.getByRole('status').textContent).toBe('Chosen: Hilltop Surgery (Practice).');
    expect(document.activeElement).toBe(search);
    expect(screen.queryByRole('list', { name: /^Organisations matching/ })).toBeNull();
  });

  it('stops saying which organisation was chosen once the select is set to another area, or Back is pressed', async () => {
    installFakeApi(searchApi());
    // The area in the URL, as the pages keep it, with a Back button (the browser's, here the router's history).
    function UrlPage() {
      const [area, setArea] = useSearchParam('area', 'QWE');
      const navigate = useNavigate();
      return (
        <>
          <AreaSelect value={area} onChange={setArea} />
          <button type="button" onClick={() => navigate(-1)}>
            Back
          </button>
        </>
      );
    }
    const page = renderAt([{ path: '*', element: <UrlPage /> }], '/');
    await screen.findByLabelText('Find an organisation');
    const select = screen.getByLabelText('Area') as HTMLSelectElement;
    const status = screen.getByRole('status');
    const chooseHilltop = async () => {
      fireEvent.change(screen.getByLabelText('Find an organisation'), { target: { value: 'hilltop' } });
      await waitFor(() => expect(status.textContent).toBe('1 organisation found.'));
      fireEvent.click(screen.getByRole('button', { name: /^Hilltop Surgery \(A00002\)/ }));
      await waitFor(() => expect(select.selectedOptions[0]?.textContent).toBe('Hilltop Surgery (Practice)'));
      expect(status.textContent).toBe('Chosen: Hilltop Surgery (Practice).');
    };

    await chooseHilltop();
    expect(page.location()).toBe('/?area=A00002');
    fireEvent.change(select, { target: { value: 'QWE' } });
    expect(page.location()).toBe('/');
    expect(select.selectedOptions[0]?.textContent).toBe('NHS North ICB (ICB)');
    expect(status.textContent).toBe('');

    await chooseHilltop();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(page.location()).toBe('/');
    expect(select.selectedOptions[0]?.textContent).toBe('NHS North ICB (ICB)');
    expect(status.textContent).toBe('');
  });

  it('says when nothing matches', async () => {
    installFakeApi(searchApi());
    renderPage([]);
    fireEvent.change(await screen.findByLabelText('Find an organisation'), { target: { value: 'zzz' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No organisation found for “zzz”.'));
    expect(screen.queryByRole('list', { name: /^Organisations matching/ })).toBeNull();
  });

  it('says how many there are when more match than it lists', async () => {
    // 134 practices match 'surgery'; the API sends the first 20 asked for.
    const first20: Organisation[] = Array.from({ length: 20 }, (_, i) => ({ code: `B${String(i + 1).padStart(5, '0')}`, name: `Surgery ${i + 1}`, level: 'practice', parentCode: 'PCN01' }));
    const search = searchApi();
    installFakeApi((path, init) => (path === '/orgs?q=surgery&limit=20' ? { body: { total: 134, offset: 0, limit: 20, organisations: first20 } } : search(path, init)));
    renderPage([]);
    fireEvent.change(await screen.findByLabelText('Find an organisation'), { target: { value: 'surgery' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('134 organisations found. The first 20 are listed: type more of the name or code to narrow them.'));
    expect(foundButtons()).toHaveLength(20);
    expect(foundButtons()[19]).toEqual(['Surgery 20 (B00020)', 'Practice in Riverside PCN']);
  });

  it('offers only the levels the page can show, asking for each', async () => {
    const requests = installFakeApi(searchApi());
    renderPage([], ['icb', 'sub_icb', 'pcn']);
    const search = await screen.findByLabelText('Find an organisation');
    expect(document.getElementById(search.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Type at least 2 characters of its name or ODS code. Not offered here: England, Region, Practice.',
    );
    fireEvent.change(search, { target: { value: 'hill' } });
    // Of the three matches only Hillside PCN is at one of these levels.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 organisation found.'));
    await waitFor(() => expect(foundButtons()).toEqual([['Hillside PCN (PCN02)', 'PCN in East Sub-ICB']]));
    expect(requests.map((r) => r.url).filter((u) => u.startsWith('/api/orgs?q=')).sort()).toEqual([
      '/api/orgs?q=hill&level=icb&limit=20',
      '/api/orgs?q=hill&level=pcn&limit=20',
      '/api/orgs?q=hill&level=sub_icb&limit=20',
    ]);
  });

  it('shows an area from the URL that the select does not list by its name', async () => {
    installFakeApi(searchApi());
    render('A00002');
    const select = (await screen.findByLabelText('Area')) as HTMLSelectElement;
    await waitFor(() => expect(select.selectedOptions[0]?.textContent).toBe('Hilltop Surgery (Practice)'));
  });

  it('is not offered to a practice lead, whose only area is their practice', async () => {
    installFakeApi(practiceApi());
    render(PRACTICE_LEAD.areas[0]!.code);
    const select = await screen.findByLabelText('Area');
    // The session is in once the select names the practice.
    await waitFor(() => expect(groupsOf(select)).toEqual([['Your area', ['Hill Street Practice (Practice)']]]));
    expect(screen.queryByLabelText('Find an organisation')).toBeNull();
  });
});
