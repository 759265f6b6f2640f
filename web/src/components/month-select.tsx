import { formatMonth } from '../lib/format';
import { useSnapshotMonths } from '../lib/queries';
import { SelectField } from './select-field';

/** The snapshot's months, newest first; '' means the latest. */
export function MonthSelect({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const months = useSnapshotMonths();
  if (months.length === 0) return null;
  return (
    <SelectField
      label="Month"
      value={value}
      onChange={onChange}
      options={[{ value: '', label: `Latest (${formatMonth(months[0])})` }, ...months.slice(1).map((m) => ({ value: m, label: formatMonth(m) }))]}
    />
  );
}
