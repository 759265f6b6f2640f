import type { RecordRow } from '../../sql/record-rows.sql';

/**
 * A small hierarchy for hand-built tests: region Y01 > ICB Q01 > sub-ICB 00A > PCN U00001
 * (practices A00001, A00002) and PCN U00002 (practice A00003).
 */
export const TEST_ORGANISATIONS: readonly RecordRow[] = [
  { code: 'Y01', name: 'Test region', level: 'region', parent_code: null },
  { code: 'Q01', name: 'Test ICB', level: 'icb', parent_code: 'Y01' },
  { code: '00A', name: 'Test sub-ICB', level: 'sub_icb', parent_code: 'Q01' },
  { code: 'U00001', name: 'First PCN', level: 'pcn', parent_code: '00A' },
  { code: 'U00002', name: 'Second PCN', level: 'pcn', parent_code: '00A' },
  { code: 'A00001', name: 'First practice', level: 'practice', parent_code: 'U00001' },
  { code: 'A00002', name: 'Second practice', level: 'practice', parent_code: 'U00001' },
  { code: 'A00003', name: 'Third practice', level: 'practice', parent_code: 'U00002' },
];

/** A patient row with defaults (born 1960-06-15, F, white, IMD 3, alive). */
export function patient(id: number, fields: Partial<Record<string, string | number | null>> = {}): RecordRow {
  return { id, pseudonym: `p${id}`, birth_date: '1960-06-15', sex: 'F', ethnic_group: 'white', imd_quintile: 3, died_on: null, ...fields };
}
