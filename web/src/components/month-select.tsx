import { formatMonth, lowerFirst } from '../lib/format';
import { useMeasures, useSnapshotMonths } from '../lib/queries';
import { SelectField } from './select-field';

const andList = new Intl.ListFormat('en-GB', { type: 'conjunction' });


/**
 * The snapshot's months, newest first; '' means the latest. A month provisional for some measures says for which (the API's
 * months answer), by the measure's title as the cards and charts name it: "provisional for plan shared with the person". `provisional`: a page showing one measure passes the months provisional for
 * it (the API says so per answer, e.g. CompareResponse.provisional), labelled only "provisional".
 */
export function MonthSelect({ value, onChange, provisional }: { value: string; onChange: (month: string) => void; provisional?: readonly string[] }) {
  const snapshot = useSnapshotMonths();
  const { data: registry } = useMeasures();
  // Until the registry has loaded, a measure is named by its id in words.
  const nameOf = (id: string) => lowerFirst(registry?.find((m) => m.id === id)?.title ?? id.replace(/_/g, ' '));
  const { months } = snapshot;
  if (months.length === 0) return null;
  const note = (month: string): string => {
    if (provisional) return provisional.includes(month) ? 'provisional' : '';
    const measures = snapshot.provisional.find((p) => p.month === month)?.measures ?? [];
    return measures.length === 0 ? '' : `provisional for ${andList.format(measures.map(nameOf))}`;
  };
  const latest = note(months[0]!);
  return (
    <SelectField
      label="Month"
      value={value}
      onChange={onChange}
      options={[
        { value: '', label: `Latest (${formatMonth(months[0])}${latest ? `, ${latest}` : ''})` },
        ...months.slice(1).map((m) => ({ value: m, label: `${formatMonth(m)}${note(m) ? ` (${note(m)})` : ''}` })),
      ]}
    />
  );
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Said once, above a page's figures, where the URL's month (`requested`) is not one of the snapshot's and the page
 * shows the latest (`latest`) instead (useMonthParam), rather than each panel refusing the month.
 */
export function UnavailableMonthNotice({ requested, latest }: { requested: string; latest: string }) {
  const asked = MONTH.test(requested) ? `There are no figures for ${formatMonth(requested)}` : `“${requested}” is not a month`;
  return (
    <div className="nhsuk-inset-text" data-testid="unavailable-month">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        {asked}: showing the latest month, {formatMonth(latest)}.
      </p>
    </div>
  );
}
