import type { MeasureItem } from '@pcsp/contract/measures.contract';
import { SelectField } from './select-field';

interface MeasureSelectProps {
  measures: readonly MeasureItem[];
  value: string;
  onChange: (id: string) => void;
  /** Only measures that pass this test (e.g. those with breakdowns). */
  filter?: (m: MeasureItem) => boolean;
}

/** The measures of the registry, grouped by their section of the specification. */
export function MeasureSelect({ measures, value, onChange, filter = () => true }: MeasureSelectProps) {
  const shown = measures.filter(filter);
  const sections = [...new Set(shown.map((m) => m.specSection))];
  return (
    <SelectField
      label="Measure"
      value={value}
      onChange={onChange}
      groups={sections.map((section) => ({
        label: section,
        options: shown.filter((m) => m.specSection === section).map((m) => ({ value: m.id, label: m.title })),
      }))}
    />
  );
}
