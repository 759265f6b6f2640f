import '../../../test/polyfills';
import type { DataQualityResponse, SnapshotStatusResponse } from '@pcsp/contract/data-quality.contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { routes } from '../../../app/router';
import { DATA_QUALITY, standardApi } from '../../../test/api-fixtures';
import { installFakeApi, renderAt, SESSION } from '../../../test/render-app';
import { recordScrollIntoView } from '../../../test/scroll-into-view';

const ADMIN = { ...SESSION, user: { ...SESSION.user, role: 'admin' as const, areas: [] }, areas: [] };

/** Every row of the table named by its caption, as the text of its cells (headers included). */
function rowsOf(caption: string): string[][] {
  const table = screen.getByRole('table', { name: caption });
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

/** The snapshot's summary list as [key, value] texts, row by row. */
function snapshotRows(): string[][] {
  return [...screen.getByTestId('snapshot').querySelectorAll('.nhsuk-summary-list__row')].map((row) => [...row.children].map((cell) => cell.textContent ?? ''));
}

/** What an import's card holds: each element's tag, class and text. */
function cardOf(name: string): (string | null)[][] {
  const content = screen.getByRole('region', { name }).querySelector('.nhsuk-card__content');
  return [...(content?.children ?? [])].map((element) => [element.tagName, element.className, element.textContent]);
}

/** A CLI import that stopped (no rows read), as the API lists it to an administrator. */
const STOPPED: DataQualityResponse['imports'][number] = {
  ...DATA_QUALITY.imports[0]!,
  id: 'job-3',
  status: 'failed',
  source: '/srv/pcsp/extracts/2026-11',
  bytesRead: 0,
  rowsRead: 0,
  rowsApplied: 0,
  errorCount: 0,
  warningCount: 0,
  failure: 'the import stopped: connect ECONNREFUSED 10.0.0.5:5432',
  issues: [],
};

/** A network manager of one region. */
const NETWORK = { ...SESSION, user: { ...SESSION.user, role: 'network' as const, areas: ['Y01'] }, areas: [{ code: 'Y01', name: 'North Region', level: 'region' as const }] };

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

/** The job the API answers an upload with (202), before it runs. */
const QUEUED: DataQualityResponse['imports'][number] = {
  ...DATA_QUALITY.imports[0]!,
  id: 'job-9',
  status: 'queued',
  source: 'upload: practices.csv',
  startedAt: null,
  finishedAt: null,
  bytesRead: 0,
  rowsRead: 0,
  rowsApplied: 0,
  errorCount: 0,
};

/**
 * Uploads go through XMLHttpRequest (for their progress), which the fake API does not answer: this one answers each
 * with `answer` and returns the forms sent.
 */
function fakeUploads(answer: { status: number; body: unknown }): FormData[] {
  const sent: FormData[] = [];
  class FakeUploadRequest {
    status = 0;
    responseText = '';
    withCredentials = false;
    readonly upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    open(method: string, url: string): void {
      expect([method, url]).toEqual(['POST', '/api/imports']);
    }
    setRequestHeader(): void {}
    send(form: FormData): void {
      sent.push(form);
      setTimeout(() => {
        this.status = answer.status;
        this.responseText = JSON.stringify(answer.body);
        this.onload?.();
      });
    }
  }
  globalThis.XMLHttpRequest = FakeUploadRequest as unknown as typeof XMLHttpRequest;
  return sent;
}

const scrolled = recordScrollIntoView();

/** How the API refuses GET /api/data-quality to a practice user (the Data page then reads GET /api/snapshot alone). */
const DATA_QUALITY_REFUSED_TO_PRACTICE = {
  status: 403,
  body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Only admin or commissioner or network users may do this.' },
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


  it('shows an administrator the snapshot age and each import with its first errors and warnings, line by line', async () => {
    // As the API answers an administrator: the issue lines, and said that they are shown.
    const body: DataQualityResponse = { ...DATA_QUALITY, issueLines: 'shown' };
    installFakeApi(standardApi({ '/auth/session': { body: ADMIN }, '/data-quality': { body } }));
    renderAt(routes, '/data');
    const snapshot = await screen.findByTestId('snapshot');
    expect(snapshot.textContent).toContain('(2 hours ago)');
    expect(snapshot.textContent).toContain('August 2026 to October 2026');
    expect(rowsOf('First errors and warnings of demo-extract.zip')).toEqual([
      ['Severity', 'File', 'Line', 'Column', 'Value', 'Problem'],
      ['Error', 'patients.csv', '12', 'date_of_birth', '2026-02-30', 'not a real date'],
    ]);
    expect(screen.queryByText('Administrators see each error and warning.')).toBeNull();
  });

  it.each([
    ['commissioner', SESSION],
    ['network manager', NETWORK],
  ])('shows a %s each import with its counts and says that administrators see each error and warning (no table)', async (_who, session) => {
    // As the API answers them: issue lines and requester withheld, and said so.
    const withheld = { ...DATA_QUALITY.imports[0]!, requestedBy: null, issues: [] };
    const clean = { ...withheld, id: 'job-0', source: 'practices.csv', rowsApplied: 1000, errorCount: 0, warningCount: 0 };
    const body: DataQualityResponse = { ...DATA_QUALITY, imports: [withheld, clean], issueLines: 'administrators only' };
    installFakeApi(standardApi({ '/auth/session': { body: session }, '/data-quality': { body } }));
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    // What each import's card holds: its heading, its summary with the counts (the dates depend on the time zone), then one sentence.
    const cards = ['Import demo-extract.zip', 'Import practices.csv'].map((name) => {
      const content = screen.getByRole('region', { name }).querySelector('.nhsuk-card__content');
      return [...(content?.children ?? [])].map((element) => [element.tagName, element.className, element.textContent]);
    });
    expect(cards).toEqual([
      [
        ['H3', 'nhsuk-card__heading', 'demo-extract.zip Succeeded'],
        ['P', 'nhsuk-body-s', expect.stringMatching(/^CSV, started .+\. 998 of 1,000 rows applied; 2 errors, 0 warnings\.$/)],
        ['P', 'nhsuk-body-s', 'Administrators see each error and warning.'],
      ],
      [
        ['H3', 'nhsuk-card__heading', 'practices.csv Succeeded'],
        ['P', 'nhsuk-body-s', expect.stringMatching(/^CSV, started .+\. 1,000 of 1,000 rows applied; 0 errors, 0 warnings\.$/)],
        ['P', 'nhsuk-body-s', 'No errors or warnings.'],
      ],
    ]);
  });

  it("shows an administrator the last refresh's error and an import's failure as the API gives them", async () => {
    const lastError = 'snapshot refresh failed (the snapshot built at 2026-11-23T08:00:00Z keeps serving): could not write the snapshot: disk full';
    const body: DataQualityResponse = { ...DATA_QUALITY, snapshot: { ...DATA_QUALITY.snapshot, lastError }, imports: [STOPPED], issueLines: 'shown' };
    installFakeApi(standardApi({ '/auth/session': { body: ADMIN }, '/data-quality': { body } }));
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(snapshotRows()[4]).toEqual(['Last refresh error', lastError]);
    expect(cardOf('Import /srv/pcsp/extracts/2026-11')).toEqual([
      ['H3', 'nhsuk-card__heading', '/srv/pcsp/extracts/2026-11 Failed'],
      ['P', 'nhsuk-body-s', expect.stringMatching(/^CSV, started .+\. 0 of 0 rows applied; 0 errors, 0 warnings\.$/)],
      ['P', 'nhsuk-body-s', 'Failure: the import stopped: connect ECONNREFUSED 10.0.0.5:5432'],
      ['P', 'nhsuk-body-s', 'No errors or warnings.'],
    ]);
  });

  it.each([
    ['commissioner', SESSION],
    ['network manager', NETWORK],
  ])("tells a %s in plain words that the last refresh failed, so the figures are the snapshot's built before it, and that an import stopped", async (_who, session) => {
    // As the API answers them: the failure texts withheld, a fixed sentence in their place.
    const withheld: DataQualityResponse['imports'][number] = { ...STOPPED, source: '2026-11', requestedBy: null, failure: 'The import stopped before it finished; administrators see why.' };
    const body: DataQualityResponse = {
      ...DATA_QUALITY,
      snapshot: { ...DATA_QUALITY.snapshot, lastError: 'The last refresh failed, so the figures are still those of the snapshot built before it.' },
      imports: [withheld],
      issueLines: 'administrators only',
    };
    installFakeApi(standardApi({ '/auth/session': { body: session }, '/data-quality': { body } }));
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    const rows = snapshotRows();
    // The date the snapshot was built (as its Built row says it, in the time zone the test runs in) names the figures' snapshot.
    const built = rows[0]![1]!.replace(/ \(2 hours ago\)$/, '');
    expect(built).toMatch(/ 2026 /);
    expect(rows).toEqual([
      ['Built', `${built} (2 hours ago)`],
      ['Months', 'August 2026 to October 2026'],
      ['Figures', 'Up to date'],
      ['Computed with', 'DuckDB v1.5.6'],
      ['Last refresh', `Failed. The figures shown are still those of the snapshot built ${built}.`],
    ]);
    expect(cardOf('Import 2026-11')).toEqual([
      ['H3', 'nhsuk-card__heading', '2026-11 Failed'],
      ['P', 'nhsuk-body-s', expect.stringMatching(/^CSV, started .+\. 0 of 0 rows applied; 0 errors, 0 warnings\.$/)],
      ['P', 'nhsuk-body-s', 'The import stopped before it finished; administrators see why.'],
      ['P', 'nhsuk-body-s', 'No errors or warnings.'],
    ]);
  });

  it('tells a commissioner that the last refresh failed and no snapshot has been built yet when there is none', async () => {
    const body: DataQualityResponse = {
      snapshot: {
        builtAt: null,
        firstMonth: null,
        lastMonth: null,
        ageHours: null,
        stale: true,
        lastError: 'The last refresh failed, so the figures are still those of the snapshot built before it.',
        engineVersion: null,
        duckdbVersion: null,
        engine: null,
      },
      imports: [],
      issueLines: 'administrators only',
    };
    installFakeApi(standardApi({ '/data-quality': { body } }));
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    // No snapshot, so nothing computed it: no Computed with row.
    expect(snapshotRows().map(([key]) => key)).toEqual(['Built', 'Months', 'Figures', 'Last refresh']);
    expect(snapshotRows()[3]).toEqual(['Last refresh', 'Failed. No snapshot has been built yet.']);
  });

  it('offers upload and refresh to administrators only', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(screen.queryByLabelText('Extract files')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Refresh the snapshot now' })).toBeNull();
  });

  it('says under the imports what an error and a warning mean, to a commissioner who sees their counts but not their lines', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/data');
    const kinds = await screen.findByTestId('issue-kinds');
    expect(kinds.textContent?.replace(/\s+/g, ' ')).toBe(
      'An error stops its file from being applied: nothing in that file is stored until it is put right. A warning is a row stored as it is but worth ' +
        'checking: a registration that begins after the patient died, or one that overlaps another of the same patient (the later one counts from its ' +
        'start), or, in a FHIR import, resources of a type the import does not read.',
    );
  });

  it('shows a practice lead how fresh the figures are as a commissioner sees it, says imports are administrators’ work, and asks nothing of /api/data-quality', async () => {
    const practiceLead = { ...SESSION, user: { ...SESSION.user, role: 'practice' as const, areas: ['A00001'] }, areas: [{ code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const }] };
    // GET /api/snapshot as the API answers all but administrators: records changed since, the last refresh failed (its text
    // withheld, a fixed sentence in its place) and its run without who asked for it nor why it failed.
    const status: SnapshotStatusResponse = {
      snapshot: { ...DATA_QUALITY.snapshot, stale: true, lastError: 'The last refresh failed, so the figures are still those of the snapshot built before it.', refreshedAt: '2026-11-23T08:00:00Z' },
      refresh: { state: 'failed', requestedBy: null, startedAt: '2026-11-23T09:00:00Z', finishedAt: '2026-11-23T09:01:00Z', error: null },
    };
    const requests = installFakeApi(
      standardApi({
        '/auth/session': { body: practiceLead },
        '/snapshot': { body: status },
        '/data-quality': DATA_QUALITY_REFUSED_TO_PRACTICE,
      }),
    );
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    const rows = snapshotRows();
    // As in the commissioner's view: the Built row's date (in the time zone the test runs in) names the figures' snapshot;
    // 2.4 hours rounds to 2.
    const built = rows[0]![1]!.replace(/ \(2 hours ago\)$/, '');
    expect(built).toMatch(/ 2026 /);
    expect(rows).toEqual([
      ['Built', `${built} (2 hours ago)`],
      ['Months', 'August 2026 to October 2026'],
      ['Figures', 'Records changed since the last refresh'],
      ['Computed with', 'DuckDB v1.5.6'],
      ['Last refresh', `Failed. The figures shown are still those of the snapshot built ${built}.`],
    ]);
    // The page holds its heading, the summary and one sentence: no imports, no upload, no refresh.
    const page = screen.getByRole('heading', { level: 1, name: 'Data' }).parentElement!;
    expect([...page.children].map((element) => [element.tagName, element.textContent])).toEqual([
      ['H1', 'Data'],
      ['H2', 'Snapshot'],
      ['DL', rows.map((row) => row.join('')).join('')],
      ['P', 'Administrators import the records and refresh the snapshot these figures come from.'],
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(requests.filter((r) => r.url.startsWith('/api/data-quality'))).toEqual([]);
    expect(requests.filter((r) => r.url === '/api/snapshot').map((r) => r.method)).toEqual(['GET']);
  });

  /** The Figures row's value: each element's tag and text. */
  function figures(): string[][] {
    const row = [...screen.getByTestId('snapshot').querySelectorAll('.nhsuk-summary-list__row')].find((r) => r.children[0]?.textContent === 'Figures');
    return [...(row?.children[1]?.children ?? [])].map((element) => [element.tagName, element.textContent ?? '']);
  }

  it('tells a commissioner in a sentence that an earlier version of PCSP Insights computed the figures, in place of Up to date', async () => {
    // As the API answers when the serving snapshot's pointer records no engine version nor DuckDB library (built before versions were recorded).
    const body: DataQualityResponse = {
      ...DATA_QUALITY,
      snapshot: { ...DATA_QUALITY.snapshot, engineVersion: null, duckdbVersion: null, engine: 'earlier' },
      issueLines: 'administrators only',
    };
    installFakeApi(standardApi({ '/data-quality': { body } }));
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(figures()).toEqual([
      [
        'P',
        'These figures were computed by an earlier version of PCSP Insights; a refresh, which the server starts by itself when it starts, recomputes them with this version.',
      ],
    ]);
    expect(snapshotRows()[3]).toEqual(['Computed with', 'DuckDB (its version was not recorded)']);
  });

  it('says which DuckDB version computed the figures, and that they are an earlier version\'s when only DuckDB is older', async () => {
    // As the API answers when this engine version built the snapshot on DuckDB v1.4.0 and the server runs a later release.
    const body: DataQualityResponse = { ...DATA_QUALITY, snapshot: { ...DATA_QUALITY.snapshot, duckdbVersion: 'v1.4.0', engine: 'earlier' }, issueLines: 'administrators only' };
    installFakeApi(standardApi({ '/data-quality': { body } }));
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(snapshotRows().slice(2)).toEqual([
      [
        'Figures',
        'These figures were computed by an earlier version of PCSP Insights; a refresh, which the server starts by itself when it starts, recomputes them with this version.',
      ],
      ['Computed with', 'DuckDB v1.4.0'],
    ]);
  });

  it('tells a practice lead that a later version computed the figures, after saying that records changed since', async () => {
    // The code was rolled back: the snapshot's engine (3) is after the server's.
    const practiceLead = { ...SESSION, user: { ...SESSION.user, role: 'practice' as const, areas: ['A00001'] }, areas: [{ code: 'A00001', name: 'Hill Street Practice', level: 'practice' as const }] };
    const status: SnapshotStatusResponse = {
      snapshot: { ...DATA_QUALITY.snapshot, stale: true, engineVersion: 3, engine: 'later', refreshedAt: '2026-11-23T08:00:00Z' },
      refresh: { state: 'running', requestedBy: null, startedAt: '2026-11-23T10:00:00Z', finishedAt: null, error: null },
    };
    installFakeApi(
      standardApi({
        '/auth/session': { body: practiceLead },
        '/snapshot': { body: status },
        '/data-quality': DATA_QUALITY_REFUSED_TO_PRACTICE,
      }),
    );
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(figures()).toEqual([
      ['STRONG', 'Records changed since the last refresh'],
      [
        'P',
        'These figures were computed by a later version of PCSP Insights than this one; a refresh, which the server starts by itself when it starts, recomputes them with this version.',
      ],
    ]);
  });

  it('says nothing of versions but the DuckDB one when this version computed the figures', async () => {
    installFakeApi(standardApi());
    renderAt(routes, '/data');
    await screen.findByTestId('snapshot');
    expect(figures()).toEqual([['STRONG', 'Up to date']]);
    expect(snapshotRows().slice(3)).toEqual([['Computed with', 'DuckDB v1.5.6']]);
  });

  describe('the upload form', () => {
    const realXhr = globalThis.XMLHttpRequest;
    afterEach(() => {
      globalThis.XMLHttpRequest = realXhr;
    });

    it('refuses an upload without a file with the NHS error summary: focused, linking to the field, in the same words as the field’s error', async () => {
      const uploads = fakeUploads({ status: 202, body: QUEUED });
      installFakeApi(standardApi({ '/auth/session': { body: ADMIN } }));
      renderAt(routes, '/data');
      fireEvent.click(await screen.findByRole('button', { name: 'Upload and import' }));
      const alert = await screen.findByRole('alert');
      const summary = alert.parentElement;
      expect(summary?.className).toBe('nhsuk-error-summary');
      await waitFor(() => expect(document.activeElement).toBe(summary));
      expect(within(alert).getByRole('heading', { level: 2 }).textContent).toBe('There is a problem');
      expect(within(alert).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['Choose at least one file', '#extract-files']]);
      // The summary is the upload form's, above its field.
      const form = screen.getByRole('form', { name: 'Upload an extract' });
      expect(form.contains(summary)).toBe(true);
      const field = screen.getByLabelText('Extract files');
      expect(field.id).toBe('extract-files');
      expect(summary!.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(document.getElementById('extract-files-error')?.className).toBe('nhsuk-error-message');
      expect(document.getElementById('extract-files-error')?.textContent).toBe('Error: Choose at least one file');
      expect(field.getAttribute('aria-describedby')).toBe('extract-files-hint extract-files-error');
      expect(field.className).toBe('nhsuk-file-upload nhsuk-file-upload--error');
      expect(field.closest('.nhsuk-form-group')?.className).toBe('nhsuk-form-group nhsuk-form-group--error');
      expect(uploads).toEqual([]);
      // The link focuses the field with its label in view, the address unchanged (fireEvent answers false when the default was prevented).
      expect(fireEvent.click(within(alert).getByRole('link', { name: 'Choose at least one file' }))).toBe(false);
      expect(document.activeElement).toBe(field);
      expect(scrolled).toEqual([screen.getByText('Extract files')]);
    });

    it('moves focus to the summary again at each refused upload, and clears the errors once files are uploaded', async () => {
      const uploads = fakeUploads({ status: 202, body: QUEUED });
      installFakeApi(standardApi({ '/auth/session': { body: ADMIN }, '/imports/job-9': { body: { ...QUEUED, status: 'succeeded', issues: [] } } }));
      renderAt(routes, '/data');
      const button = await screen.findByRole('button', { name: 'Upload and import' });
      fireEvent.click(button);
      const summary = (await screen.findByRole('alert')).parentElement;
      await waitFor(() => expect(document.activeElement).toBe(summary));
      button.focus();
      fireEvent.click(button);
      await waitFor(() => expect(document.activeElement).toBe(summary));

      const field = screen.getByLabelText('Extract files');
      fireEvent.change(field, { target: { files: [new File(['practice_code\n'], 'practices.csv', { type: 'text/csv' })] } });
      fireEvent.click(button);
      await waitFor(() => expect(screen.getByTestId('import-job').getAttribute('data-status')).toBe('succeeded'));
      expect(uploads.map((form) => form.getAll('files').map((file) => (file as File).name))).toEqual([['practices.csv']]);
      expect(screen.queryByRole('alert')).toBeNull();
      expect(document.getElementById('extract-files-error')).toBeNull();
      expect(field.getAttribute('aria-describedby')).toBe('extract-files-hint');
      expect(field.closest('.nhsuk-form-group')?.className).toBe('nhsuk-form-group');
    });

    it('says in its hint that the field takes FHIR files as well as the flat extract', async () => {
      installFakeApi(standardApi({ '/auth/session': { body: ADMIN } }));
      renderAt(routes, '/data');
      const field = await screen.findByLabelText('Extract files');
      expect(field.getAttribute('accept')).toBe('.csv,.zip,.json,.ndjson');
      expect(document.getElementById('extract-files-hint')?.textContent).toBe(
        'The flat extract’s CSV files as the data contract describes, FHIR .ndjson or .json files, or a ZIP of them.',
      );
    });

    it('shows the API’s refusal of an upload as the upload failed, with no link and no error by the field, and moves focus to its box', async () => {
      const detail = 'notes.txt is not a file an import reads: upload CSV files of the extract (.csv), a .zip of them, or FHIR files (.ndjson, .json).';
      fakeUploads({ status: 400, body: { type: 'about:blank', title: 'Bad Request', status: 400, detail, instance: '/api/imports' } });
      installFakeApi(standardApi({ '/auth/session': { body: ADMIN } }));
      renderAt(routes, '/data');
      const button = await screen.findByRole('button', { name: 'Upload and import' });
      const field = screen.getByLabelText('Extract files');
      fireEvent.change(field, { target: { files: [new File(['hello'], 'notes.txt', { type: 'text/plain' })] } });
      button.focus();
      fireEvent.click(button);
      const alert = await screen.findByRole('alert');
      // ErrorMessage: its title with the status, then the API's detail.
      expect(alert.textContent).toBe(`The upload failed (400)${detail}`);
      expect(within(alert).queryAllByRole('link')).toEqual([]);
      // The button was disabled while uploading, so focus would drop to the body: it goes to ErrorMessage's box, the alert's parent.
      const box = alert.parentElement;
      expect(box?.className).toBe('nhsuk-error-summary');
      expect(box?.getAttribute('tabindex')).toBe('-1');
      await waitFor(() => expect(document.activeElement).toBe(box));
      expect(document.getElementById('extract-files-error')).toBeNull();
      expect(field.getAttribute('aria-describedby')).toBe('extract-files-hint');
      expect(field.closest('.nhsuk-form-group')?.className).toBe('nhsuk-form-group');

      // Sent again without a file: the summary alone, the API's answer to the last try being out of date.
      fireEvent.change(field, { target: { files: [] } });
      fireEvent.click(button);
      await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['There is a problemChoose at least one file']));
    });
  });
});
