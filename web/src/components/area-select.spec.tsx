import '../test/polyfills';
import type { OrganisationDetail, OrganisationList } from '@pcsp/contract/organisations.contract';
import { screen, waitFor } from '@testing-library/react';
import { ICB, standardApi } from '../test/api-fixtures';
import { PRACTICE_LEAD, practiceApi } from '../test/practice-api';
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
