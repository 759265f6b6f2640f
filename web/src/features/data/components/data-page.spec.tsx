import '../../../test/polyfills';
import type { DataQualityResponse } from '@pcsp/contract/data-quality.contract';
import { fireEvent, screen, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { DATA_QUALITY, standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt, SESSION } from '../../../test/render-app';

const ADMIN = { ...SESSION, user: { ...SESSION.user, role: 'admin' as const, areas: [] }, areas: [] };

/** Every row of the table named by its caption, as the text of its cells (headers included). */
function rowsOf(caption: string): string[][] {
  const table = screen.getByRole('table', { name: caption });
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

/** A FHIR import as the importer reports it, newest, above the fixture's flat extract. */
const FHIR_IMPORT: DataQualityResponse['imports'][number] = {
  ...DATA_QUALITY.imports[0]!,
  id: 'job-2',
  format: 'fhir',
  source: 'bulk-export.zip',
  issues: [],
  fhir: {
    resources: { Patient: 1200, Observation: 4521, Organization: 3, CarePlan: 4521 },
    skippedTypes: { MedicationRequest: 12, AllergyIntolerance: 1500 },
    unknownCodes: {
      'Observation http://loinc.org|2345-7': 2,
      'Condition http://snomed.info/sct|73211009': 1042,
      'Condition (no code)': 1,
      'Encounter |AMB': 2,
    },
  },
};

describe('data page', () => {
  it("shows a FHIR import's report: resources read, types skipped and codes in no code list, most frequent first", async () => {
    installFakeApi(standardApi({ '/data-quality': { body: { ...DATA_QUALITY, imports: [FHIR_IMPORT, ...DATA_QUALITY.imports] } } }));
    renderAt(routes, '/data');
    await screen.findByTestId('fhir-report');
    // Ties in count by name (CarePlan before Observation); total 4,521 + 4,521 + 1,200 + 3 = 10,245.
    expect(rowsOf('FHIR resources read from bulk-export.zip')).toEqual([
      ['Resource type', 'Resources'],
      ['CarePlan', '4,521'],
      ['Observation', '4,521'],
      ['Patient', '1,200'],
      ['Organization', '3'],
      ['Total', '10,245'],
    ]);
    expect(rowsOf('Resource types skipped in bulk-export.zip (not used by PCSP Insights)')).toEqual([
      ['Resource type', 'Resources'],
      ['AllergyIntolerance', '1,500'],
      ['MedicationRequest', '12'],
    ]);
    // `Type system|code` split into its parts; a missing system shows as a dash; the two codes seen twice by key (Encounter before Observation).
    expect(rowsOf('Codes in no code list in bulk-export.zip')).toEqual([
      ['Code', 'Code system', 'Resource type', 'Resources'],
      ['73211009', 'http://snomed.info/sct', 'Condition', '1,042'],
      ['AMB', '–', 'Encounter', '2'],
      ['2345-7', 'http://loinc.org', 'Observation', '2'],
      ['(no code)', '–', 'Condition', '1'],
    ]);
    // Each row is named by its first cell, each count by its column.
    const codes = screen.getByRole('table', { name: 'Codes in no code list in bulk-export.zip' });
    expect(within(codes).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['73211009', 'AMB', '2345-7', '(no code)']);
    // The flat extract below it has no report.
    expect(screen.getAllByTestId('fhir-report')).toHaveLength(1);
    expect(within(screen.getByRole('region', { name: 'Import demo-extract.zip' })).queryByTestId('fhir-report')).toBeNull();
  });

  it('says so when a FHIR import skipped no type and met no unknown code', async () => {
    const clean = { ...FHIR_IMPORT, fhir: { resources: { Patient: 2 }, skippedTypes: {}, unknownCodes: {} } };
    installFakeApi(standardApi({ '/data-quality': { body: { ...DATA_QUALITY, imports: [clean] } } }));
    renderAt(routes, '/data');
    const report = await screen.findByTestId('fhir-report');
    expect(rowsOf('FHIR resources read from bulk-export.zip')).toEqual([
      ['Resource type', 'Resources'],
      ['Patient', '2'],
      ['Total', '2'],
    ]);
    expect(within(report).getAllByRole('table')).toHaveLength(1);
    expect(within(report).getByText('No resource types were skipped.')).toBeTruthy();
    expect(within(report).getByText('Every code was in a code list.')).toBeTruthy();
  });


  it('shows the snapshot age and each import with its errors', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/data');
    const snapshot = await screen.findByTestId('snapshot');
    expect(snapshot.textContent).toContain('(2 hours ago)');
    expect(snapshot.textContent).toContain('August 2026 to October 2026');
    expect(screen.getByTestId('issue-table').textContent).toContain('not a real date');
  });

  it('offers upload and refresh to administrators only', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(screen.queryByLabelText('Extract files')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Refresh the snapshot now' })).toBeNull();
  });

  it('tells a practice lead, who may not see imports, where the figures come from', async () => {
    const practiceLead = { ...SESSION, user: { ...SESSION.user, role: 'practice' as const, areas: ['A00001'] }, areas: [{ code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const }] };
    const requests = installFakeApi(standardApi({ '/auth/session': { body: practiceLead }, '/data-quality': { status: 403, body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Administrators, commissioners and network managers only' } } }));
    renderAt(routes, '/data');
    expect(await screen.findByText(/^Imports and data quality are shown to administrators/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(requests.filter((r) => r.url.startsWith('/api/data-quality'))).toEqual([]);
  });

  it('asks an administrator for a file before uploading', async () => {
    installFakeApi(standardApi({ '/auth/session': { body: ADMIN } }));
    renderAt(routes, '/data');
    fireEvent.click(await screen.findByRole('button', { name: 'Upload and import' }));
    expect((await screen.findByText('Choose at least one file')).closest('.nhsuk-form-group')?.className).toContain('nhsuk-form-group--error');
  });
});
