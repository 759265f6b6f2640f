import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../api/src/database/data-source';
import { pendingSchemaChanges } from '../../../api/src/database/migration-generator';
import { createEmptyDatabase } from '../../support/test-database';

const RECORD_TABLES = [
  'admissions', 'alert_preferences', 'audit_log', 'care_plan_adjustments', 'care_plan_reviews', 'care_plans', 'conditions', 'fhir_resource_keys', 'import_issues',
  'import_jobs', 'measure_targets', 'migrations', 'observations', 'organisations', 'patients', 'practice_groups', 'registrations', 'sessions',
  'snapshot_state', 'training', 'users',
];

describe('migrations on an empty database', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  const dataSource = () => createDataSource(database.url);

  beforeAll(async () => {
    database = await createEmptyDatabase('pcsp_migrations');
  });
  afterAll(async () => {
    await database.drop();
  });

  /** Undoes migrations, the last first, until the one named has been undone. */
  const undoThrough = async (ds: DataSource, name: string): Promise<void> => {
    for (;;) {
      const [last] = (await ds.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')) as { name: string }[];
      if (!last) throw new Error(`${name} was not applied`);
      await ds.undoLastMigration({ transaction: 'all' });
      if (last.name === name) return;
    }
  };

  const tables = async (url: string): Promise<string[]> => {
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      const rows: { table_name: string }[] = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      return rows.map((r) => r.table_name);
    } finally {
      await ds.destroy();
    }
  };

  it('go up to the whole schema, match the entities exactly, and go back down to nothing', async () => {
    const ds = dataSource();
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'all' });
      expect(applied.map((m) => m.name)).toEqual(['InitialSchema1795426972561', 'AuthGroupsAudit1795428930753', 'TargetsAlerts1795433883563', 'FhirImport1795436400000', 'AuditRefresh1795440000000', 'AuditTargets1795444000000', 'SnapshotFirstMonth1795448000000']);
      expect(await tables(database.url)).toEqual(RECORD_TABLES);

      // The drift check: entities and migrations describe the same schema.
      expect(await pendingSchemaChanges(ds)).toEqual({ up: [], down: [] });

      await undoThrough(ds, 'InitialSchema1795426972561');
      expect(await tables(database.url)).toEqual(['migrations']);

      // …and up again: down really undid everything up did.
      await ds.runMigrations({ transaction: 'all' });
      expect(await tables(database.url)).toEqual(RECORD_TABLES);
    } finally {
      await ds.destroy();
    }
  });

  it('move snapshot refreshes audited as imports to the refresh action, and back down again', async () => {
    const ds = dataSource();
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'all' });
      await undoThrough(ds, 'AuditRefresh1795440000000');
      // Before AuditRefresh a refresh was an 'import' with the target 'snapshot refresh', and 'refresh' broke the check.
      await expect(ds.query(`INSERT INTO audit_log (action, email, target) VALUES ('refresh', 'a@test.nhs.uk', 'snapshot refresh')`)).rejects.toThrow(/audit_log_action_check/);
      await ds.query(`INSERT INTO audit_log (action, email, target) VALUES ('import', 'a@test.nhs.uk', 'snapshot refresh'), ('import', 'a@test.nhs.uk', 'upload: conditions.csv')`);
      await ds.runMigrations({ transaction: 'all' });
      const actions = async () => (await ds.query('SELECT action, target FROM audit_log ORDER BY id')) as { action: string; target: string }[];
      expect(await actions()).toEqual([
        { action: 'refresh', target: 'snapshot refresh' },
        { action: 'import', target: 'upload: conditions.csv' },
      ]);
      await undoThrough(ds, 'AuditRefresh1795440000000');
      expect(await actions()).toEqual([
        { action: 'import', target: 'snapshot refresh' },
        { action: 'import', target: 'upload: conditions.csv' },
      ]);
      await ds.runMigrations({ transaction: 'all' });
      await ds.query('DELETE FROM audit_log');
    } finally {
      await ds.destroy();
    }
  });

  it('allow target changes in the audit log from AuditTargets on, and take them out again going down', async () => {
    const ds = dataSource();
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'all' });
      await undoThrough(ds, 'AuditTargets1795444000000');
      await expect(ds.query(`INSERT INTO audit_log (action, email, target) VALUES ('target_set', 'a@test.nhs.uk', 'plan_coverage ENG 95 by 2027-03')`)).rejects.toThrow(
        /audit_log_action_check/,
      );
      await ds.runMigrations({ transaction: 'all' });
      await ds.query(
        `INSERT INTO audit_log (action, email, target) VALUES ('target_set', 'a@test.nhs.uk', 'plan_coverage ENG 95 by 2027-03'), ('target_deleted', 'a@test.nhs.uk', 'plan_coverage ENG 95 by 2027-03'), ('login', 'a@test.nhs.uk', NULL)`,
      );
      await undoThrough(ds, 'AuditTargets1795444000000');
      expect(await ds.query('SELECT action FROM audit_log ORDER BY id')).toEqual([{ action: 'login' }]);
      await ds.runMigrations({ transaction: 'all' });
      await ds.query('DELETE FROM audit_log');
    } finally {
      await ds.destroy();
    }
  });

  it('keep the first month of snapshots in snapshot_state from SnapshotFirstMonth on, and drop it going down', async () => {
    const ds = dataSource();
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'all' });
      await ds.query(`INSERT INTO snapshot_state (id, first_month) VALUES (1, '2021-12')`);
      expect(await ds.query('SELECT stale, first_month FROM snapshot_state')).toEqual([{ stale: true, first_month: '2021-12' }]);
      await undoThrough(ds, 'SnapshotFirstMonth1795448000000');
      expect(await ds.query('SELECT * FROM snapshot_state')).toEqual([
        { id: 1, stale: true, records_changed_at: null, refreshed_at: null, last_error: null },
      ]);
      await ds.runMigrations({ transaction: 'all' });
      await ds.query('DELETE FROM snapshot_state');
    } finally {
      await ds.destroy();
    }
  });

  it('enforce the contract in the schema: check constraints and foreign keys reject bad rows', async () => {
    const ds = dataSource();
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'all' });
      await ds.query(`INSERT INTO organisations (code, name, level, parent_code) VALUES ('Y63', 'North East', 'region', NULL)`);
      await expect(
        ds.query(`INSERT INTO organisations (code, name, level, parent_code) VALUES ('QHM', 'An ICB', 'icb', 'Y99')`),
      ).rejects.toThrow(/organisations_parent_code_fkey/);
      await expect(
        ds.query(`INSERT INTO organisations (code, name, level, parent_code) VALUES ('X1', 'Nothing', 'ward', 'Y63')`),
      ).rejects.toThrow(/organisations_level_check/);
      await expect(
        ds.query(`INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group) VALUES ('p1', '1950-01-01', 'X', 'white')`),
      ).rejects.toThrow(/patients_sex_check/);
      const [{ id }] = await ds.query(
        `INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group) VALUES ('p1', '1950-01-01', 'F', 'white') RETURNING id`,
      );
      await expect(
        ds.query(`INSERT INTO conditions (patient_id, condition, diagnosed_on) VALUES ($1, 'FLU', '2020-01-01')`, [id]),
      ).rejects.toThrow(/conditions_condition_check/);
      await expect(
        ds.query(`INSERT INTO observations (patient_id, code, value, observed_on) VALUES ($1, 'HBA1C', 201, '2020-01-01')`, [id]),
      ).rejects.toThrow(/observations_value_check/);
    } finally {
      await ds.destroy();
    }
  });
});
