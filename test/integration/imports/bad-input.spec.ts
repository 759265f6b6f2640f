import { importExtract } from '../../../api/src/modules/imports/extract-import';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { GOOD_EXTRACT, TEST_KEY, TODAY, extractFolder, issuesOf, tableContents, type IssueRow } from './import-test-support';
import { removeTempDirs } from '../../support/cli';

const PATIENTS = 'nhs_number,birth_date,sex,ethnic_group,imd_quintile,died_on';
const REGISTRATIONS = 'nhs_number,practice_code,registered_on,deregistered_on';
const CONDITIONS = 'nhs_number,condition,snomed_code,diagnosed_on,resolved_on';
const PLANS = 'plan_id,nhs_number,practice_code,agreed_on,review_due_on,prepared_on,shared_on,carer_involved';
const OBSERVATIONS = 'nhs_number,code,value,observed_on';
const TRAINING = 'practice_code,trained_on,programme,staff_trained';
const PRACTICES = 'practice_code,practice_name,pcn_code,pcn_name,sub_icb_code,sub_icb_name,icb_code,icb_name,region_code,region_name';
const HIERARCHY = 'U12345,Blyth PCN,00L,Northumberland,QHM,North East and North Cumbria ICB,Y63,North East and Yorkshire';
const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

type Expected = Omit<IssueRow, 'severity' | 'file'>;
interface BadCase {
  name: string;
  file: string;
  content: string | Buffer;
  issues: Expected[];
}

const issue = (line: number | null, column: string | null, value: string | null, rule: string): Expected => ({ line, column, value, rule });
const NOT_FUTURE = `must not be in the future (after ${TODAY})`;

// References (practices, patients, plans) and duplicate keys are checked on the rows that pass their own checks.
// Stored by the good extract: practices A81001, A81002, A81004 (PCNs U12345, U23456), patients 9434765919,
// 9991234500, 9991234519, 9991234527 and plans PLAN-1 (agreed 2023-03-15) to PLAN-3.
// 9991234535 and 9991234543 are valid NHS numbers of no stored patient.
const CASES: BadCase[] = [
  // Headers
  {
    name: 'an unknown column',
    file: 'patients.csv',
    content: lines(`${PATIENTS},postcode`, '9991234535,1980-01-01,F,white,2,,NE1 4LP'),
    issues: [issue(1, 'postcode', null, 'unknown column (the columns of patients.csv are nhs_number or patient_id, birth_date, sex, ethnic_group, imd_quintile, died_on)')],
  },
  {
    name: 'a required column missing',
    file: 'registrations.csv',
    content: lines('nhs_number,practice_code,deregistered_on', '9434765919,A81001,'),
    issues: [issue(1, 'registered_on', null, 'required column is missing from the header')],
  },
  {
    name: 'both identity columns',
    file: 'admissions.csv',
    content: lines('nhs_number,patient_id,admitted_on,emergency', '9434765919,P1,2024-01-01,true'),
    issues: [issue(1, 'nhs_number, patient_id', null, 'both nhs_number and patient_id are present: the header needs exactly one of them')],
  },
  {
    name: 'no identity column',
    file: 'admissions.csv',
    content: lines('admitted_on,emergency', '2024-01-01,true'),
    issues: [issue(1, null, null, 'a patient identity column is missing: the header needs exactly one of nhs_number or patient_id')],
  },
  {
    name: 'a column twice',
    file: 'admissions.csv',
    content: lines('nhs_number,admitted_on,emergency,emergency', '9434765919,2024-01-01,true,true'),
    issues: [issue(1, 'emergency', null, 'column appears more than once in the header')],
  },
  // Patient identity
  {
    name: 'a bad NHS number check digit, a wrong length and a forbidden patient_id are each masked',
    file: 'patients.csv',
    content: lines(PATIENTS, '9434765918,1980-01-01,F,white,2,', '943 476 591,1980-01-01,F,white,2,', ',1980-01-01,F,white,2,'),
    issues: [
      issue(2, 'nhs_number', '943*******', 'is not a valid NHS number: the Modulus 11 check digit does not match'),
      issue(3, 'nhs_number', '943 *** ***', 'must be an NHS number: 10 digits (spaces allowed)'),
      issue(4, 'nhs_number', null, 'required: must not be empty'),
    ],
  },
  {
    name: 'a patient_id with a forbidden character',
    file: 'patients.csv',
    content: lines('patient_id,birth_date,sex,ethnic_group,imd_quintile,died_on', 'PAT-0001#,1980-01-01,F,white,2,'),
    issues: [issue(2, 'patient_id', 'PAT******', 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -')],
  },
  // patients.csv values
  {
    name: 'every broken value of patients.csv',
    file: 'patients.csv',
    content: lines(
      PATIENTS,
      '9991234535,1980-02-30,X,White,6,',
      '9991234543,01/02/1980,F,white,,2026-02-01',
      '9991234551,1980-13,M,asian,0,1979-12-31',
      '9991234578,1990-05-05,,other,1,',
    ),
    issues: [
      issue(2, 'birth_date', '1980-02-30', 'is not a real date: February 1980 has 29 days'),
      issue(2, 'sex', 'X', 'must be F, M, I (indeterminate) or U (unknown)'),
      issue(2, 'ethnic_group', 'White', 'must be white, mixed, asian, black, other or unknown'),
      issue(2, 'imd_quintile', '6', 'must be a whole number from 1 to 5, or empty'),
      issue(3, 'birth_date', '01/02/1980', 'must be a date YYYY-MM-DD or a month YYYY-MM'),
      issue(3, 'died_on', '2026-02-01', NOT_FUTURE),
      issue(4, 'birth_date', '1980-13', 'is not a real date: there is no month 13'),
      issue(4, 'imd_quintile', '0', 'must be a whole number from 1 to 5, or empty'),
      issue(5, 'sex', null, 'required: must not be empty'),
    ],
  },
  {
    name: 'death before birth',
    file: 'patients.csv',
    content: lines(PATIENTS, '9991234535,1980-06,F,white,,1980-05-31'),
    issues: [issue(2, 'died_on', '1980-05-31', 'must be on or after birth_date (1980-06-01)')],
  },
  {
    name: 'a patient twice in the file',
    file: 'patients.csv',
    content: lines(PATIENTS, '9991234535,1980-01-01,F,white,2,', '9991234543,1981-01-01,M,white,2,', '999 123 4535,1980-01-01,F,white,3,'),
    issues: [issue(4, 'nhs_number', '999*******', 'duplicate nhs_number: the same as line 2')],
  },
  // registrations.csv
  {
    name: 'unknown practices and patients, bad codes, dates out of order, duplicate keys',
    file: 'registrations.csv',
    content: lines(
      REGISTRATIONS,
      '9434765919,Z99999,2024-01-01,',
      '9434765919,U12345,2024-01-01,',
      '9991234535,A81001,2024-01-01,',
      '9434765919,a81001,2024-01-01,',
      '9434765919,A81001,2020-01-01,2020-01-01',
      '9991234500,A81004,2024-02-30,',
      '9991234500,A81002,2021-01-01,2026-02-01',
      '9991234527,A81001,2022-01-01,',
      '9991234527,A81001,2022-01-01,2023-01-01',
    ),
    issues: [
      issue(2, 'practice_code', 'Z99999', 'unknown practice: not in practices.csv of this import or an earlier one'),
      issue(3, 'practice_code', 'U12345', 'unknown practice: not in practices.csv of this import or an earlier one'),
      issue(4, 'nhs_number', '999*******', 'unknown patient: not in patients.csv of this import or an earlier one'),
      issue(5, 'practice_code', 'a81001', 'must be a GP practice ODS code: a capital letter and 5 digits, e.g. A81001'),
      issue(6, 'deregistered_on', '2020-01-01', 'must be after registered_on (2020-01-01)'),
      issue(7, 'registered_on', '2024-02-30', 'is not a real date: February 2024 has 29 days'),
      issue(8, 'deregistered_on', '2026-02-01', NOT_FUTURE),
      issue(10, 'nhs_number, practice_code, registered_on', '999*******, A81001, 2022-01-01', 'duplicate key (nhs_number, practice_code, registered_on): the same as line 9'),
    ],
  },
  // conditions.csv
  {
    name: 'an unknown register, a short SNOMED code, resolution before diagnosis',
    file: 'conditions.csv',
    content: lines(CONDITIONS, '9434765919,OB,,2020-01-01,', '9434765919,AF,1234,2020-01-01,', '9434765919,CKD,,2020-01-01,2019-12-31'),
    issues: [
      issue(2, 'condition', 'OB', 'must be a register code: AF, AST, CAN, CHD, CKD, COPD, DEM, DEP, DM, EP, HF, HYP, LD, MH, OST, PAD, RA, STIA'),
      issue(3, 'snomed_code', '1234', 'must be a SNOMED CT concept id: 6 to 18 digits'),
      issue(4, 'resolved_on', '2019-12-31', 'must be on or after diagnosed_on (2020-01-01)'),
    ],
  },
  // care_plans.csv
  {
    name: 'plan dates, flags, ids and practices',
    file: 'care_plans.csv',
    content: lines(
      PLANS,
      'PLAN-10,9434765919,A81001,2024-01-01,2024-01-01,,,',
      'PLAN-11,9434765919,A81001,2024-01-01,,,,yes',
      `${'P'.repeat(65)},9434765919,A81001,2024-01-01,,,,`,
      'PLAN-12,9434765919,Z00001,2024-01-01,,,,',
      'PLAN-14,9434765919,A81001,2024-01-01,,2026-03-01,,',
      'PLAN-13,9991234500,A81001,2024-05-01,2027-05-01,,,false',
      'PLAN-13,9991234500,A81001,2024-05-02,,,,',
    ),
    issues: [
      issue(2, 'review_due_on', '2024-01-01', 'must be after agreed_on (2024-01-01)'),
      issue(3, 'carer_involved', 'yes', 'must be true or false'),
      issue(4, 'plan_id', 'P'.repeat(65), 'must be 1 to 64 characters'),
      issue(5, 'practice_code', 'Z00001', 'unknown practice: not in practices.csv of this import or an earlier one'),
      issue(6, 'prepared_on', '2026-03-01', NOT_FUTURE),
      issue(8, 'plan_id', 'PLAN-13', 'duplicate plan_id: the same as line 7'),
    ],
  },
  {
    name: 'a re-imported plan agreed after its stored review',
    file: 'care_plans.csv',
    content: lines(PLANS, 'PLAN-1,9434765919,A81001,2024-04-01,2025-04-01,,,'),
    issues: [issue(2, 'agreed_on', '2024-04-01', "is after the plan's stored review on 2024-03-10: a review must be on or after its plan's agreed_on")],
  },
  // care_plan_reviews.csv
  {
    name: 'reviews of unknown plans, before the plan, in the future',
    file: 'care_plan_reviews.csv',
    content: lines('plan_id,reviewed_on', 'PLAN-404,2024-01-01', 'PLAN-1,2023-03-14', 'PLAN-2,2026-06-01', 'PLAN-1,2023-03-15', 'PLAN-1,2023-03-15'),
    issues: [
      issue(2, 'plan_id', 'PLAN-404', 'unknown plan: not in care_plans.csv of this import or an earlier one'),
      issue(3, 'reviewed_on', '2023-03-14', "must be on or after the plan's agreed_on (2023-03-15)"),
      issue(4, 'reviewed_on', '2026-06-01', NOT_FUTURE),
      issue(6, 'plan_id, reviewed_on', 'PLAN-1, 2023-03-15', 'duplicate key (plan_id, reviewed_on): the same as line 5'),
    ],
  },
  // care_plan_adjustments.csv, observations.csv, admissions.csv, training.csv
  {
    name: 'an adjustment reason off the list',
    file: 'care_plan_adjustments.csv',
    content: lines('nhs_number,recorded_on,reason', '9434765919,2024-01-01,refused'),
    issues: [issue(2, 'reason', 'refused', 'must be declined, unsuitable, no_response or service_unavailable')],
  },
  {
    name: 'observation codes, numbers and ranges',
    file: 'observations.csv',
    content: lines(OBSERVATIONS, '9434765919,BMI,30,2024-01-01', '9434765919,HBA1C,high,2024-01-01', '9434765919,PHQ9,30,2024-01-01', '9434765919,PAM_LEVEL,0.5,2024-01-01', '9434765919,SBP,300,2024-01-01'),
    issues: [
      issue(2, 'code', 'BMI', 'must be PAM_LEVEL, HBA1C, PHQ9 or SBP'),
      issue(3, 'value', 'high', 'must be a number, e.g. 48 or 7.5'),
      issue(4, 'value', '30', 'must be from 0 to 27 for PHQ9'),
      issue(5, 'value', '0.5', 'must be from 1 to 4 for PAM_LEVEL'),
    ],
  },
  {
    name: 'an admission flag in capitals and a future admission',
    file: 'admissions.csv',
    content: lines('nhs_number,admitted_on,emergency', '9434765919,2024-01-01,TRUE', '9434765919,2026-02-01,false'),
    issues: [issue(2, 'emergency', 'TRUE', 'must be true or false'), issue(3, 'admitted_on', '2026-02-01', NOT_FUTURE)],
  },
  {
    name: 'training counts, programmes and practices',
    file: 'training.csv',
    content: lines(TRAINING, 'A81001,2024-01-01,PCSP,0', 'A81001,2024-01-01,PCSP,2.5', 'A81001,2024-01-01,,3', 'B12345,2024-01-01,PCSP,3'),
    issues: [
      issue(2, 'staff_trained', '0', 'must be a whole number, 1 or more'),
      issue(3, 'staff_trained', '2.5', 'must be a whole number, 1 or more'),
      issue(4, 'programme', null, 'required: must not be empty'),
      issue(5, 'practice_code', 'B12345', 'unknown practice: not in practices.csv of this import or an earlier one'),
    ],
  },
  // practices.csv
  {
    name: 'organisation codes of every level',
    file: 'practices.csv',
    content: lines(PRACTICES, 'A81009,,P12345,Blyth PCN,00l,Northumberland,X12,ICB,Y6,Region'),
    issues: [
      issue(2, 'practice_name', null, 'required: must not be empty'),
      issue(2, 'pcn_code', 'P12345', 'must be a Primary Care Network code: U and 5 digits, e.g. U12345'),
      issue(2, 'sub_icb_code', '00l', 'must be a sub-ICB location code: 3 digits or capitals, e.g. 00L'),
      issue(2, 'icb_code', 'X12', 'must be an ICB code: Q and 2 digits or capitals, e.g. QHM'),
      issue(2, 'region_code', 'Y6', 'must be an NHS England region code: Y and 2 digits, e.g. Y63'),
    ],
  },
  {
    name: 'a hierarchy that is not one tree',
    file: 'practices.csv',
    content: lines(
      PRACTICES,
      `A81010,One,${HIERARCHY}`,
      `A81010,One again,${HIERARCHY}`,
      'A81011,Two,U12345,Blyth PCN,00M,Elsewhere,QHM,North East and North Cumbria ICB,Y63,North East and Yorkshire',
      'A81012,Three,U12345,Blyth Network,00L,Northumberland,QHM,North East and North Cumbria ICB,Y63,North East and Yorkshire',
      'U12345,Four,U23456,Tees Valley PCN,00L,Northumberland,QHM,North East and North Cumbria ICB,Y63,North East and Yorkshire',
    ),
    issues: [
      issue(3, 'practice_code', 'A81010', 'duplicate practice_code: the same as line 2'),
      issue(4, 'sub_icb_code', '00M', 'differs from line 2, where PCN U12345 is in 00L: one hierarchy per import'),
      issue(5, 'pcn_name', 'Blyth Network', 'differs from the name of PCN U12345 on line 2 (Blyth PCN)'),
      issue(6, 'practice_code', 'U12345', 'is already stored as a pcn code: a code names one organisation'),
      issue(6, 'practice_code', 'U12345', 'is also given as a PCN code on line 2: a code names one organisation'),
    ],
  },
  // Whole files
  {
    name: 'a file that is not UTF-8',
    file: 'patients.csv',
    content: Buffer.concat([Buffer.from(`${PATIENTS}\n9991234535,1980-01-01,F,white,2,\n9991234543,1980-01-01,F,`), Buffer.from([0xff, 0xfe]), Buffer.from('white,2,\n')]),
    issues: [issue(3, null, null, 'is not UTF-8 text (an invalid byte sequence): save the file as UTF-8 CSV')],
  },
  {
    name: 'a binary file with NUL bytes',
    file: 'admissions.csv',
    content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a]),
    issues: [issue(1, null, null, 'contains a NUL byte: not a text CSV file')],
  },
  {
    name: 'a truncated last line',
    file: 'patients.csv',
    content: `${PATIENTS}\n9991234535,1980-01-01,F,white,2,\n9991234543,1980-01-01,F`,
    issues: [issue(3, null, null, 'has 3 fields but the header has 6: the file looks truncated')],
  },
  {
    name: 'a quote never closed',
    file: 'training.csv',
    content: `${TRAINING}\nA81001,2024-01-01,PCSP,3\nA81001,2024-02-01,"Care planning, part`,
    issues: [issue(3, null, null, 'a quoted field is never closed: the file looks truncated or is not CSV')],
  },
  {
    name: 'a row with a field too many in the middle',
    file: 'training.csv',
    content: lines(TRAINING, 'A81001,2024-01-01,PCSP,3,extra', 'A81001,2024-02-01,PCSP,3'),
    issues: [issue(2, null, null, 'has 5 fields but the header has 4')],
  },
  {
    name: 'a stray quote: not CSV',
    file: 'training.csv',
    content: lines(TRAINING, 'A81001,2024-01-01,The "PCSP" course,3'),
    issues: [issue(2, null, null, 'a quote inside an unquoted field: not valid CSV (quote the whole field and double the quote)')],
  },
  {
    name: 'an empty file',
    file: 'training.csv',
    content: '',
    issues: [issue(null, null, null, 'the file is empty: a header row is required')],
  },
  {
    name: 'an unknown file name',
    file: 'patient.csv',
    content: lines(PATIENTS, '9991234535,1980-01-01,F,white,2,'),
    issues: [
      issue(null, null, null, 'unknown file: an extract holds only practices.csv, patients.csv, registrations.csv, conditions.csv, care_plans.csv, care_plan_reviews.csv, care_plan_adjustments.csv, observations.csv, admissions.csv, training.csv'),
    ],
  },
];

describe('bad input: each rule gives its exact error and leaves the database unchanged', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_import_bad');
    const good = await importExtract(database.dataSource, [GOOD_EXTRACT], { pseudonymKey: TEST_KEY, today: TODAY });
    expect(good.status).toBe('succeeded');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each(CASES)('$name ($file)', async ({ file, content, issues }) => {
    const before = await tableContents(database.dataSource);
    const job = await importExtract(database.dataSource, [extractFolder({ [file]: content })], { pseudonymKey: TEST_KEY, today: TODAY });
    expect(await issuesOf(database.dataSource, job.id)).toEqual(issues.map((i) => ({ severity: 'error', file, ...i })));
    expect(job).toMatchObject({ status: 'failed', errorCount: issues.length, warningCount: 0, rowsApplied: 0 });
    expect(job.files).toEqual([expect.objectContaining({ file, status: 'rejected', errors: issues.length, inserted: 0, updated: 0 })]);
    expect(await tableContents(database.dataSource)).toEqual(before);
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
