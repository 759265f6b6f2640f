import {
  ALL_PATIENTS_SLICE_VIEWS_SQL,
  CREATE_MONTH_MACROS_SQL,
  CREATE_PATIENT_STATE_MACROS_SQL,
  CREATE_PRACTICE_INDEX_SQL,
  CREATE_REGISTRATION_SPANS_SQL,
  createPatientIntervalsSql,
  type MonthRange,
} from '../../sql/patient-state.sql';

/**
 * Statements that make the whole population one slice, with the patient-level tables every measure reads
 * (`registration_spans`, `patient_intervals`, `plain_events`), for tests of one measure family on its own.
 */
export function wholePopulationSliceSql(range: MonthRange): string[] {
  return [
    CREATE_MONTH_MACROS_SQL,
    CREATE_PATIENT_STATE_MACROS_SQL,
    CREATE_PRACTICE_INDEX_SQL,
    ALL_PATIENTS_SLICE_VIEWS_SQL,
    CREATE_REGISTRATION_SPANS_SQL,
    createPatientIntervalsSql(range),
  ];
}
