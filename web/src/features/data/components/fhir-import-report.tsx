import type { FhirJobReport } from '@pcsp/contract/data-quality.contract';
import { formatCount } from '../../../lib/format';

/** Most frequent first (the codes worth adding to a code list first), then by name. */
const byCountThenName = ([a, m]: [string, number], [b, n]: [string, number]): number => n - m || a.localeCompare(b);

/** An unknown code's key is `ResourceType system|code` (or `ResourceType (no code)`): its parts, '–' for a missing system. */
function codeParts(key: string): { type: string; system: string; code: string } {
  const space = key.indexOf(' ');
  const type = space < 0 ? key : key.slice(0, space);
  const coding = space < 0 ? '' : key.slice(space + 1);
  const bar = coding.lastIndexOf('|');
  if (bar < 0) return { type, system: '–', code: coding };
  return { type, system: coding.slice(0, bar) || '–', code: coding.slice(bar + 1) || '–' };
}

function CountTable({ caption, what, counts, total }: { caption: string; what: string; counts: [string, number][]; total?: boolean }) {
  return (
    <table className="nhsuk-table app-table--compact">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">{what}</th>
          <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Resources</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {counts.map(([name, count]) => (
          <tr key={name} className="nhsuk-table__row">
            <th scope="row" className="nhsuk-table__header">{name}</th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(count)}</td>
          </tr>
        ))}
        {total && (
          <tr className="nhsuk-table__row">
            <th scope="row" className="nhsuk-table__header">Total</th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
              <strong>{formatCount(counts.reduce((sum, [, count]) => sum + count, 0))}</strong>
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** What a FHIR import counted: resources read per type, types it skipped, and codes in no code list (for whoever keeps the code lists). */
export function FhirImportReport({ report, source }: { report: FhirJobReport; source: string }) {
  const resources = Object.entries(report.resources).sort(byCountThenName);
  const skipped = Object.entries(report.skippedTypes).sort(byCountThenName);
  const unknown = Object.entries(report.unknownCodes).sort(byCountThenName);
  const unknownCaption = `Codes in no code list in ${source}`;
  return (
    <div data-testid="fhir-report">
      {resources.length === 0 ? (
        <p className="nhsuk-body-s">No FHIR resources of the types the import maps were read.</p>
      ) : (
        <CountTable caption={`FHIR resources read from ${source}`} what="Resource type" counts={resources} total />
      )}
      {skipped.length === 0 ? (
        <p className="nhsuk-body-s">No resource types were skipped.</p>
      ) : (
        <CountTable caption={`Resource types skipped in ${source} (not used by PCSP Insights)`} what="Resource type" counts={skipped} />
      )}
      {unknown.length === 0 ? (
        <p className="nhsuk-body-s">Every code was in a code list.</p>
      ) : (
        <>
          <p className="nhsuk-body-s">
            These codes are in none of the project’s code lists, so the import did not use what they record. Add a code to the code lists if it should
            count.
          </p>
          <div className="app-table-scroll" tabIndex={0} role="region" aria-label={unknownCaption}>
            <table className="nhsuk-table app-table--compact">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">{unknownCaption}</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Code', 'Code system', 'Resource type'].map((c) => (
                    <th key={c} scope="col" className="nhsuk-table__header">{c}</th>
                  ))}
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Resources</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {unknown.map(([key, count]) => {
                  const { type, system, code } = codeParts(key);
                  return (
                    <tr key={key} className="nhsuk-table__row">
                      <th scope="row" className="nhsuk-table__header">{code}</th>
                      <td className="nhsuk-table__cell">{system}</td>
                      <td className="nhsuk-table__cell">{type}</td>
                      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(count)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
