import { formatMonth } from '../lib/format';
import { useSnapshotMonths } from '../lib/queries';
import { SelectField } from './select-field';

/**
 * The snapshot's months, newest first; '' means the latest. `provisional`: months known to be provisional for the
 * measure shown (the API says so per answer, e.g. CompareResponse.provisional), labelled so.
 */
export function MonthSelect({ value, onChange, provisional = [] }: { value: string; onChange: (month: string) => void; provisional?: readonly string[] }) {
  const months = useSnapshotMonths();
  if (months.length === 0) return null;
  const marked = (m: string) => provisional.includes(m);
  return (
    <SelectField
      label="Month"
      value={value}
      onChange={onChange}
      options={[
        { value: '', label: `Latest (${formatMonth(months[0])}${marked(months[0]!) ? ', provisional' : ''})` },
        ...months.slice(1).map((m) => ({ value: m, label: `${formatMonth(m)}${marked(m) ? ' (provisional)' : ''}` })),
      ]}
    />
  );
}
