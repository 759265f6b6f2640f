/*
 * The SQL of an import: the staging table a file is copied into, the checks that need the
 * stored records (references, duplicate keys, the hierarchy), the merge into the record
 * tables on their natural keys, and the warnings. Identifiers come from the contract's
 * column lists only; values are never spliced in.
 */
import type { ExtractFileName, ExtractFileSpec } from './extract-files';

export const STAGE = 'import_stage';
export const STAGE_ORGS = 'import_stage_orgs';

/** Columns of the staging table in COPY order. */
export function stagingColumns(spec: ExtractFileSpec): string[] {
  return ['line', ...(spec.patientLevel ? ['pseudonym', 'shown'] : []), ...spec.columns.map((c) => c.name)];
}

export function createStagingSql(spec: ExtractFileSpec): string {
  const columns = [
    'line integer NOT NULL',
    ...(spec.patientLevel ? ['pseudonym text NOT NULL', 'shown text'] : []),
    ...spec.columns.map((c) => `${c.name} ${c.sqlType}`),
  ];
  return `CREATE TEMP TABLE ${STAGE} (${columns.join(', ')}) ON COMMIT DROP`;
}

export const copyIntoStagingSql = (spec: ExtractFileSpec): string => `COPY ${STAGE} (${stagingColumns(spec).join(', ')}) FROM STDIN`;

/**
 * A check query yields (line, column, value, rule) ordered by line, plus `total` (all matches,
 * before the LIMIT $1). Patient identifiers come out as `identity` for the caller to mask.
 */
export interface CheckSql {
  sql: string;
  /** Parameters from $2 on ($1 is the LIMIT). */
  params: unknown[];
  /** The value is a patient identifier (pseudonym or masked NHS number): mask it. */
  masked: boolean;
}

const limited = (select: string): string =>
  `SELECT line, "column", value, rule, count(*) OVER () AS total FROM (${select}) found ORDER BY line, "column", rule LIMIT $1`;

/** The natural key of each file's rows, as staging columns. */
export const STAGE_KEYS: Record<ExtractFileName, string[]> = {
  'practices.csv': ['practice_code'],
  'patients.csv': ['pseudonym'],
  'registrations.csv': ['pseudonym', 'practice_code', 'registered_on'],
  'conditions.csv': ['pseudonym', 'condition', 'diagnosed_on'],
  'care_plans.csv': ['plan_id'],
  'care_plan_reviews.csv': ['plan_id', 'reviewed_on'],
  'care_plan_adjustments.csv': ['pseudonym', 'recorded_on', 'reason'],
  'observations.csv': ['pseudonym', 'code', 'observed_on', 'value'],
  'admissions.csv': ['pseudonym', 'admitted_on', 'emergency'],
  'training.csv': ['practice_code', 'trained_on', 'programme', 'staff_trained'],
};

/** Rows whose natural key an earlier line of the same file already has. */
export function duplicateKeySql(file: ExtractFileName, identity: string | null): CheckSql {
  const keys = STAGE_KEYS[file];
  const names = keys.map((k) => (k === 'pseudonym' ? (identity ?? 'patient') : k));
  const shownParts = keys.map((k) => (k === 'pseudonym' ? 'coalesce(s.shown, s.pseudonym)' : `s.${k}::text`));
  const single = keys.length === 1;
  const what = single ? names[0] : `key (${names.join(', ')})`;
  return {
    masked: keys[0] === 'pseudonym',
    params: [names.join(', ')],
    sql: limited(`
      SELECT s.line, $2::text AS "column", ${single ? shownParts[0] : `concat_ws(', ', ${shownParts.join(', ')})`} AS value,
        'duplicate ${what}: the same as line ' || d.first_line AS rule
      FROM ${STAGE} s
      JOIN (SELECT ${keys.join(', ')}, min(line) AS first_line FROM ${STAGE} GROUP BY ${keys.join(', ')} HAVING count(*) > 1) d
        USING (${keys.join(', ')})
      WHERE s.line > d.first_line`),
  };
}

/** Patients named in a file but in no stored patients row. */
export const unknownPatientSql = (identity: string, rule: string): CheckSql => ({
  masked: true,
  params: [identity, rule],
  sql: limited(`
    SELECT s.line, $2::text AS "column", coalesce(s.shown, s.pseudonym) AS value, $3::text AS rule
    FROM ${STAGE} s WHERE NOT EXISTS (SELECT 1 FROM patients p WHERE p.pseudonym = s.pseudonym)`),
});

/** practice_code values that are not a stored practice. */
export const unknownPracticeSql = (rule: string): CheckSql => ({
  masked: false,
  params: [rule],
  sql: limited(`
    SELECT s.line, 'practice_code' AS "column", s.practice_code AS value, $2::text AS rule
    FROM ${STAGE} s
    WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.code = s.practice_code AND o.level = 'practice')`),
});

/** Reviews of unknown plans, and reviews dated before their plan was agreed. */
export const reviewReferenceSql = (rule: string): CheckSql => ({
  masked: false,
  params: [rule],
  sql: limited(`
    SELECT s.line, 'plan_id' AS "column", s.plan_id AS value, $2::text AS rule
    FROM ${STAGE} s WHERE NOT EXISTS (SELECT 1 FROM care_plans c WHERE c.plan_id = s.plan_id)
    UNION ALL
    SELECT s.line, 'reviewed_on', s.reviewed_on::text,
      'must be on or after the plan''s agreed_on (' || c.agreed_on::text || ')'
    FROM ${STAGE} s JOIN care_plans c ON c.plan_id = s.plan_id WHERE s.reviewed_on < c.agreed_on`),
});

/** A re-imported plan agreed after one of its stored reviews would leave a review before its plan. */
export const planAfterStoredReviewSql = (): CheckSql => ({
  masked: false,
  params: [],
  sql: limited(`
    SELECT s.line, 'agreed_on' AS "column", s.agreed_on::text AS value,
      'is after the plan''s stored review on ' || min(r.reviewed_on)::text || ': a review must be on or after its plan''s agreed_on' AS rule
    FROM ${STAGE} s JOIN care_plans c ON c.plan_id = s.plan_id JOIN care_plan_reviews r ON r.care_plan_id = c.id
    WHERE r.reviewed_on < s.agreed_on
    GROUP BY s.line, s.agreed_on`),
});

const ORG_LEVELS = [
  { level: 'practice', code: 'practice_code', name: 'practice_name', parent: 'pcn_code', label: 'practice' },
  { level: 'pcn', code: 'pcn_code', name: 'pcn_name', parent: 'sub_icb_code', label: 'PCN' },
  { level: 'sub_icb', code: 'sub_icb_code', name: 'sub_icb_name', parent: 'icb_code', label: 'sub-ICB location' },
  { level: 'icb', code: 'icb_code', name: 'icb_name', parent: 'region_code', label: 'ICB' },
  { level: 'region', code: 'region_code', name: 'region_name', parent: null, label: 'region' },
] as const;

/** Every organisation a practices.csv row names, one row per (line, level). */
export const STAGE_ORGS_SQL = `
CREATE TEMP TABLE ${STAGE_ORGS} ON COMMIT DROP AS
${ORG_LEVELS.map(
  (l) => `SELECT line, '${l.level}'::text AS level, '${l.label}'::text AS label, '${l.code}'::text AS code_column,
  '${l.name}'::text AS name_column, ${l.parent ? `'${l.parent}'` : 'NULL'}::text AS parent_column,
  ${l.code} AS code, ${l.name} AS name, ${l.parent ?? 'NULL::text'} AS parent_code FROM ${STAGE}`,
).join('\nUNION ALL\n')}`;

/** The hierarchy must be one tree: a code names one organisation at one level, with one parent and one name. */
export const hierarchyConflictSql = (): CheckSql => ({
  masked: false,
  params: [],
  sql: limited(`
    WITH first_use AS (
      SELECT DISTINCT ON (code) code, line, level, label FROM ${STAGE_ORGS} ORDER BY code, line
    ), first_parent AS (
      SELECT DISTINCT ON (code, level) code, level, line, parent_code FROM ${STAGE_ORGS} ORDER BY code, level, line
    ), first_name AS (
      SELECT DISTINCT ON (code, level) code, level, line, name FROM ${STAGE_ORGS} WHERE name IS NOT NULL ORDER BY code, level, line
    )
    SELECT o.line, o.code_column AS "column", o.code AS value,
      'is also given as a ' || f.label || ' code on line ' || f.line || ': a code names one organisation' AS rule
    FROM ${STAGE_ORGS} o JOIN first_use f USING (code) WHERE o.level <> f.level
    UNION ALL
    SELECT o.line, o.code_column, o.code, 'is already stored as a ' || replace(s.level, '_', '-') || ' code: a code names one organisation'
    FROM ${STAGE_ORGS} o JOIN organisations s ON s.code = o.code WHERE s.level <> o.level
    UNION ALL
    SELECT o.line, o.parent_column, o.parent_code,
      'differs from line ' || p.line || ', where ' || o.label || ' ' || o.code || ' is in ' || p.parent_code || ': one hierarchy per import'
    FROM ${STAGE_ORGS} o JOIN first_parent p USING (code, level)
    WHERE o.level <> 'practice' AND o.line > p.line AND o.parent_code IS DISTINCT FROM p.parent_code
    UNION ALL
    SELECT o.line, o.name_column, o.name,
      'differs from the name of ' || o.label || ' ' || o.code || ' on line ' || n.line || ' (' || n.name || ')'
    FROM ${STAGE_ORGS} o JOIN first_name n USING (code, level)
    WHERE o.level <> 'practice' AND o.line > n.line AND o.name IS NOT NULL AND o.name <> n.name`),
});

/** Inserts, then updates, one level of the hierarchy (parents first); a name left empty keeps the stored one. */
export const mergeOrganisationLevelSql = (level: string): { insert: string; update: string } => {
  const source = `(SELECT DISTINCT ON (code) code, name, parent_code FROM ${STAGE_ORGS} WHERE level = '${level}'
    ORDER BY code, (name IS NULL), line) s`;
  return {
    insert: `INSERT INTO organisations (code, name, level, parent_code)
      SELECT s.code, coalesce(s.name, s.code), '${level}', s.parent_code FROM ${source}
      WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.code = s.code)`,
    update: `UPDATE organisations o SET name = coalesce(s.name, o.name), parent_code = s.parent_code
      FROM ${source}
      WHERE o.code = s.code AND (o.name, o.parent_code) IS DISTINCT FROM (coalesce(s.name, o.name), s.parent_code)`,
  };
};

interface MergeSpec {
  table: string;
  columns: string[];
  /** What each column is given, from the staged rows `s` and what they are joined to. */
  values: string[];
  /** The staged rows joined to the rows they name (rows naming nothing are left out). */
  from: string;
  /** For a first load: `from` with every reference condition, so that a row it drops is a broken reference. */
  checkedFrom?: string;
  constraint: string;
  /** The natural key's columns. */
  key: string[];
  /** Columns a re-imported row may change (none: the natural key is the whole row). */
  updated: string[];
}

const PATIENT_ROWS = `${STAGE} s JOIN patients p ON p.pseudonym = s.pseudonym`;
const PRACTICE = `JOIN organisations o ON o.code = s.practice_code AND o.level = 'practice'`;

/** A file of patient-level rows: patient_id from the patient, the other columns as staged. */
const patientLevel = (table: string, columns: string[], key: string[], updated: string[], practice = false): MergeSpec => ({
  table,
  columns: ['patient_id', ...columns],
  values: ['p.id', ...columns.map((c) => `s.${c}`)],
  from: PATIENT_ROWS,
  checkedFrom: practice ? `${PATIENT_ROWS} ${PRACTICE}` : undefined,
  constraint: `${table}_natural_key`,
  key,
  updated,
});

const MERGES: Record<Exclude<ExtractFileName, 'practices.csv'>, MergeSpec> = {
  'patients.csv': {
    table: 'patients',
    columns: ['pseudonym', 'birth_date', 'sex', 'ethnic_group', 'imd_quintile', 'died_on'],
    values: ['s.pseudonym', 's.birth_date', 's.sex', 's.ethnic_group', 's.imd_quintile', 's.died_on'],
    from: `${STAGE} s`,
    constraint: 'patients_pseudonym_key',
    key: ['pseudonym'],
    updated: ['birth_date', 'sex', 'ethnic_group', 'imd_quintile', 'died_on'],
  },
  'registrations.csv': patientLevel(
    'registrations',
    ['practice_code', 'registered_on', 'deregistered_on'],
    ['patient_id', 'practice_code', 'registered_on'],
    ['deregistered_on'],
    true,
  ),
  'conditions.csv': patientLevel(
    'conditions',
    ['condition', 'snomed_code', 'diagnosed_on', 'resolved_on'],
    ['patient_id', 'condition', 'diagnosed_on'],
    ['snomed_code', 'resolved_on'],
  ),
  'care_plans.csv': {
    ...patientLevel('care_plans', ['plan_id', 'practice_code', 'agreed_on', 'review_due_on', 'prepared_on', 'shared_on', 'carer_involved'], ['plan_id'], [], true),
    constraint: 'care_plans_plan_id_key',
    updated: ['patient_id', 'practice_code', 'agreed_on', 'review_due_on', 'prepared_on', 'shared_on', 'carer_involved'],
  },
  'care_plan_reviews.csv': {
    table: 'care_plan_reviews',
    columns: ['care_plan_id', 'reviewed_on'],
    values: ['c.id', 's.reviewed_on'],
    from: `${STAGE} s JOIN care_plans c ON c.plan_id = s.plan_id`,
    checkedFrom: `${STAGE} s JOIN care_plans c ON c.plan_id = s.plan_id AND s.reviewed_on >= c.agreed_on`,
    constraint: 'care_plan_reviews_natural_key',
    key: ['care_plan_id', 'reviewed_on'],
    updated: [],
  },
  'care_plan_adjustments.csv': patientLevel('care_plan_adjustments', ['recorded_on', 'reason'], ['patient_id', 'recorded_on', 'reason'], []),
  'observations.csv': patientLevel('observations', ['code', 'value', 'observed_on'], ['patient_id', 'code', 'observed_on', 'value'], []),
  'admissions.csv': patientLevel('admissions', ['admitted_on', 'emergency'], ['patient_id', 'admitted_on', 'emergency'], []),
  'training.csv': {
    table: 'training',
    columns: ['practice_code', 'trained_on', 'programme', 'staff_trained'],
    values: ['s.practice_code', 's.trained_on', 's.programme', 's.staff_trained'],
    from: `${STAGE} s`,
    checkedFrom: `${STAGE} s ${PRACTICE}`,
    constraint: 'training_natural_key',
    key: ['practice_code', 'trained_on', 'programme', 'staff_trained'],
    updated: [],
  },
};

const selectOf = ({ values, from }: MergeSpec, where = ''): string => `SELECT ${values.join(', ')} FROM ${from}${where} ORDER BY s.line`;

/**
 * An upsert on the natural key that touches only rows that differ, counting what it inserted and
 * updated. Rows stored as they are staged are left out before it, by one anti-join: ON CONFLICT DO
 * UPDATE locks (and so writes) every stored row it meets, even one its WHERE leaves unchanged, so a
 * re-import of unchanged files rewrote every page of every table.
 */
const upsert = (spec: MergeSpec): string => {
  const { table, columns, constraint, key, updated } = spec;
  const valueOf = (column: string) => spec.values[columns.indexOf(column)];
  const stored = `SELECT 1 FROM ${table} x WHERE ${key.map((c) => `x.${c} = ${valueOf(c)}`).join(' AND ')}${
    updated.length ? ` AND (${updated.map((c) => `x.${c}`).join(', ')}) IS NOT DISTINCT FROM (${updated.map(valueOf).join(', ')})` : ''
  }`;
  const action = updated.length
    ? `DO UPDATE SET ${updated.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
       WHERE (${updated.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${updated.map((c) => `EXCLUDED.${c}`).join(', ')})`
    : 'DO NOTHING';
  return `WITH merged AS (
    INSERT INTO ${table} (${columns.join(', ')}) ${selectOf(spec, ` WHERE NOT EXISTS (${stored})`)}
    ON CONFLICT ON CONSTRAINT ${constraint} ${action}
    RETURNING (xmax = 0) AS inserted)
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM merged`;
};

type RecordFile = Exclude<ExtractFileName, 'practices.csv'>;
const mapMerges = (make: (spec: MergeSpec) => string): Record<RecordFile, string> =>
  Object.fromEntries(Object.entries(MERGES).map(([file, spec]) => [file, make(spec)])) as Record<RecordFile, string>;

/** The merge of a checked file into its record table, in file order so that the same files give the same ids (practices: see mergeOrganisationLevelSql). */
export const MERGE_SQL = mapMerges(upsert);

/**
 * The rows as a plain INSERT, for a first load into an empty table whose unique keys are dropped
 * and rebuilt around it. Every reference is a join condition: when it inserts fewer rows than were
 * staged, or the rebuilt keys find a duplicate, the load is undone and the file checked row by row.
 * With no stored rows and no duplicate keys it stores exactly what the upsert would.
 */
export const INITIAL_LOAD_SQL = mapMerges((spec) => `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) ${selectOf({ ...spec, from: spec.checkedFrom ?? spec.from })}`);

/**
 * A first load COPYs a file's checked rows straight into its empty record table (no staging copy,
 * no second write), its references already resolved and its ids given in file order, as the merge
 * would give them (see direct-load.ts; COPY stores the ids given for an identity column).
 */
export const copyIntoRecordTableSql = (table: string, columns: string[]): string => `COPY ${table} (${columns.join(', ')}) FROM STDIN`;

/** The primary key of a table that no foreign key references (a direct load drops and rebuilds it). */
export const UNREFERENCED_PRIMARY_KEY_SQL = `
SELECT 'constraint' AS kind, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'
  AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.confrelid = $1::regclass AND f.contype = 'f')`;

/** The first id of a direct load's rows, taken from the table's identity sequence ($1: the table). */
export const NEXT_ID_SQL = `SELECT nextval(pg_get_serial_sequence($1, 'id'))::text AS id`;

/** The sequence set to the last id a direct load gave ($2), which the next row inserted follows. */
export const LAST_ID_SQL = `SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`;

/** The stored practices, which a direct load's practice_code values must name. */
export const PRACTICE_CODES_SQL = `SELECT code FROM organisations WHERE level = 'practice'`;

export const TABLE_IS_EMPTY_SQL = (table: string): string => `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`;

/** Unique and foreign-key constraints (not the primary key, which other tables reference) and plain indexes of a table. */
export const REBUILDABLE_KEYS_SQL = `
SELECT 'constraint' AS kind, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('u', 'f')
UNION ALL
SELECT 'index', quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY 1, 2`;

/** Warnings on registrations once merged (a direct first load works the same out in Node: LoadedRegistrations): overlaps with another registration of the patient, and registrations after death. */
export const registrationWarningsSql = (): CheckSql => ({
  masked: false,
  params: [],
  sql: limited(`
    (SELECT DISTINCT ON (s.line) s.line, 'registered_on' AS "column", s.registered_on::text AS value,
      'overlaps the registration at ' || o.practice_code || ' from ' || o.registered_on::text ||
      ': the one that began later holds from its start' AS rule
    FROM ${STAGE} s JOIN patients p ON p.pseudonym = s.pseudonym JOIN registrations o ON o.patient_id = p.id
    WHERE NOT (o.practice_code = s.practice_code AND o.registered_on = s.registered_on)
      AND o.registered_on < coalesce(s.deregistered_on, 'infinity'::date)
      AND s.registered_on < coalesce(o.deregistered_on, 'infinity'::date)
    ORDER BY s.line, o.registered_on, o.practice_code)
    UNION ALL
    SELECT s.line, 'registered_on', s.registered_on::text, 'is after the patient''s death (died_on ' || p.died_on::text || ')'
    FROM ${STAGE} s JOIN patients p ON p.pseudonym = s.pseudonym
    WHERE p.died_on IS NOT NULL AND s.registered_on > p.died_on`),
});

/** The record table each file merges into. */
export const TARGET_TABLES: Record<ExtractFileName, string> = {
  'practices.csv': 'organisations',
  'patients.csv': 'patients',
  'registrations.csv': 'registrations',
  'conditions.csv': 'conditions',
  'care_plans.csv': 'care_plans',
  'care_plan_reviews.csv': 'care_plan_reviews',
  'care_plan_adjustments.csv': 'care_plan_adjustments',
  'observations.csv': 'observations',
  'admissions.csv': 'admissions',
  'training.csv': 'training',
};

/** The table's foreign keys as (name, definition), to drop for a bulk merge and add back exactly. */
export const FOREIGN_KEYS_SQL = `
SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`;

/** Rows in the table, as the planner last counted them (-1 or 0 when never analysed). */
export const TABLE_SIZE_SQL = `SELECT greatest(reltuples, 0)::bigint AS rows FROM pg_class WHERE oid = $1::regclass`;

export const MARK_SNAPSHOT_STALE_SQL = `
INSERT INTO snapshot_state (id, stale, records_changed_at) VALUES (1, true, now())
ON CONFLICT (id) DO UPDATE SET stale = true, records_changed_at = now()`;

/** One import at a time: concurrent merges into the same tables would interleave their checks. */
export const IMPORT_LOCK_KEY = 7_345_120_031;
