import type { ImportIssueItem, ImportJobSummary } from '@pcsp/contract/data-quality.contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../../components/error-summary';
import { Empty, ErrorMessage, QueryState } from '../../../components/query-state';
import { ApiError } from '../../../lib/api-client';
import { formatCount, formatDateTime } from '../../../lib/format';
import { useDataQuality, useSession } from '../../../lib/queries';
import { mayReadDataQuality } from '../../../lib/user-access';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useImportJob, useRefresh, useUpload } from '../api/use-imports';
import { useSnapshotStatus } from '../api/use-snapshot-status';
import { FhirImportReport } from './fhir-import-report';
import { SnapshotSummary } from './snapshot-summary';

const STATUS_TAGS: Record<ImportJobSummary['status'], string> = {
  queued: 'nhsuk-tag--grey',
  running: 'nhsuk-tag--blue',
  succeeded: 'nhsuk-tag--green',
  failed: 'nhsuk-tag--red',
};

function StatusTag({ status }: { status: ImportJobSummary['status'] }) {
  return <strong className={`nhsuk-tag ${STATUS_TAGS[status]}`}>{status.charAt(0).toUpperCase() + status.slice(1)}</strong>;
}

function IssueTable({ issues, caption }: { issues: ImportIssueItem[]; caption: string }) {
  if (issues.length === 0) return <p className="nhsuk-body-s">No errors or warnings.</p>;
  return (
    <div className="app-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="nhsuk-table app-table--compact" data-testid="issue-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {['Severity', 'File', 'Line', 'Column', 'Value', 'Problem'].map((c) => (
              <th key={c} scope="col" className="nhsuk-table__header">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {issues.map((i, n) => (
            <tr key={n} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">
                <strong className={`nhsuk-tag ${i.severity === 'error' ? 'nhsuk-tag--red' : 'nhsuk-tag--yellow'}`}>{i.severity === 'error' ? 'Error' : 'Warning'}</strong>
              </td>
              <td className="nhsuk-table__cell">{i.file}</td>
              <td className="nhsuk-table__cell">{i.line ?? '–'}</td>
              <td className="nhsuk-table__cell">{i.column ?? '–'}</td>
              <td className="nhsuk-table__cell">{i.value ?? '–'}</td>
              <td className="nhsuk-table__cell">{i.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function JobProgress({ id }: { id: string }) {
  const job = useImportJob(id);
  return (
    <QueryState query={job} what="import">
      {(j) => (
        <div className="nhsuk-card" data-testid="import-job" data-status={j.status}>
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading">
              Import {j.source} <StatusTag status={j.status} />
            </h3>
            <label className="nhsuk-label" htmlFor={`job-${j.id}`}>
              Read {formatCount(j.bytesRead)} of {formatCount(j.bytesTotal)} bytes
            </label>
            <progress className="app-progress" id={`job-${j.id}`} max={Math.max(1, j.bytesTotal)} value={j.bytesRead} />
            <p className="nhsuk-body-s" role="status">
              {formatCount(j.rowsApplied)} of {formatCount(j.rowsRead)} rows applied; {formatCount(j.errorCount)} errors, {formatCount(j.warningCount)} warnings.
              {j.failure && ` The import failed: ${j.failure}`}
            </p>
          </div>
        </div>
      )}
    </QueryState>
  );
}

/** What the form says, in its summary and by the field, when it is sent without a file. */
const NO_FILE = 'Choose at least one file';

function UploadForm() {
  const input = useRef<HTMLInputElement>(null);
  const [missing, setMissing] = useState(false);
  // Counts refused submits, so that each one moves focus to the summary again (the NHS error pattern).
  const [refusals, setRefusals] = useState(0);
  const upload = useUpload();
  const failure = useRef<HTMLDivElement>(null);
  // The submit button is disabled while uploading, so focus would fall to the body: the refusal's box takes it instead.
  useEffect(() => {
    if (upload.error) failure.current?.querySelector<HTMLElement>('.nhsuk-error-summary')?.focus();
  }, [upload.error]);
  // Only a missing file is refused here: the size, count and type of files are the API's to refuse, by its own limits.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const files = [...(input.current?.files ?? [])];
    setMissing(files.length === 0);
    if (files.length) upload.mutate(files);
    else setRefusals((n) => n + 1);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload an extract</h2>
      <ErrorSummary errors={missing ? [{ field: 'extract-files', text: NO_FILE }] : []} focusKey={refusals} />
      <div ref={failure}>{!missing && upload.isError && <ErrorMessage error={upload.error} title="The upload failed" />}</div>
      <div className={`nhsuk-form-group${missing ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label" htmlFor="extract-files">
          Extract files
        </label>
        <div className="nhsuk-hint" id="extract-files-hint">
          The flat extract’s CSV files as the data contract describes, FHIR .ndjson or .json files, or a ZIP of them.
        </div>
        {missing && (
          <span className="nhsuk-error-message" id="extract-files-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {NO_FILE}
          </span>
        )}
        <input
          ref={input}
          className={`nhsuk-file-upload${missing ? ' nhsuk-file-upload--error' : ''}`}
          id="extract-files"
          name="files"
          type="file"
          multiple
          accept=".csv,.zip,.json,.ndjson"
          aria-describedby={`extract-files-hint${missing ? ' extract-files-error' : ''}`}
        />
      </div>
      {upload.isPending && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="upload-progress">
            Uploading: {Math.round(upload.progress * 100)}%
          </label>
          <progress className="app-progress" id="upload-progress" max={1} value={upload.progress} />
        </div>
      )}
      <button className="nhsuk-button" type="submit" disabled={upload.isPending}>
        Upload and import
      </button>
      {upload.data && <JobProgress id={upload.data.id} />}
    </form>
  );
}

export function DataPage() {
  useDocumentTitle('Data');
  const session = useSession().data;
  const quality = useDataQuality();
  const refresh = useRefresh();
  const isAdmin = session?.user.role === 'admin';
  // A practice lead is not given the imports (/api/data-quality answers 403), only how fresh the figures are.
  const freshnessOnly = Boolean(session && !mayReadDataQuality(session)) || (quality.error instanceof ApiError && quality.error.status === 403);
  const status = useSnapshotStatus(freshnessOnly);
  return (
    <>
      <h1>Data</h1>
      {freshnessOnly ? (
        <QueryState query={status} what="snapshot">
          {(s) => (
            <>
              <SnapshotSummary snapshot={s.snapshot} errorWithheld={!isAdmin} />
              <p className="nhsuk-body">Administrators import the records and refresh the snapshot these figures come from.</p>
            </>
          )}
        </QueryState>
      ) : (
      <QueryState query={quality} what="data quality">
        {(q) => (
          <>
            <SnapshotSummary snapshot={q.snapshot} errorWithheld={q.issueLines !== 'shown'} />
            {isAdmin && (
              <>
                {refresh.isError && <ErrorMessage error={refresh.error} title="The refresh failed" />}
                {refresh.isSuccess && (
                  <p className="nhsuk-body" role="status">
                    Refresh started. The figures will update when the new snapshot is ready.
                  </p>
                )}
                <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
                  {refresh.isPending ? 'Refreshing…' : 'Refresh the snapshot now'}
                </button>
              </>
            )}
            {isAdmin && <UploadForm />}
            <h2>Recent imports</h2>
            <p className="nhsuk-body-s" data-testid="issue-kinds">
              An error stops its file from being applied: nothing in that file is stored until it is put right. A warning is a row stored as it is but worth
              checking: a registration that begins after the patient died, or one that overlaps another of the same patient (the later one counts from its
              start), or, in a FHIR import, resources of a type the import does not read.
            </p>
            {q.imports.length === 0 ? (
              <Empty>No imports yet.</Empty>
            ) : (
              q.imports.map((job) => (
                <section key={job.id} className="nhsuk-card" aria-label={`Import ${job.source}`}>
                  <div className="nhsuk-card__content">
                    <h3 className="nhsuk-card__heading">
                      {job.source} <StatusTag status={job.status} />
                    </h3>
                    <p className="nhsuk-body-s">
                      {job.format.toUpperCase()}, started {formatDateTime(job.startedAt ?? job.createdAt)}
                      {job.finishedAt && `, finished ${formatDateTime(job.finishedAt)}`}. {formatCount(job.rowsApplied)} of {formatCount(job.rowsRead)} rows applied; {formatCount(job.errorCount)} errors,{' '}
                      {formatCount(job.warningCount)} warnings.
                    </p>
                    {job.failure && <p className="nhsuk-body-s">{q.issueLines === 'shown' ? `Failure: ${job.failure}` : job.failure}</p>}
                    {job.fhir && <FhirImportReport report={job.fhir} source={job.source} />}
                    {q.issueLines === 'shown' ? (
                      <IssueTable issues={job.issues} caption={`First errors and warnings of ${job.source}`} />
                    ) : (
                      <p className="nhsuk-body-s">{job.errorCount + job.warningCount === 0 ? 'No errors or warnings.' : 'Administrators see each error and warning.'}</p>
                    )}
                  </div>
                </section>
              ))
            )}
          </>
        )}
      </QueryState>
      )}
    </>
  );
}
