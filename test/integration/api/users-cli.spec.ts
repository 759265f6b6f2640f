import { ensureDemoAdmin } from '../../../api/src/modules/users/demo-admin';
import { verifyPassword } from '../../../api/src/modules/users/password';
import { openTempDir, removeTempDirs, runCli } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('pcsp users add|list|disable, and the demo admin', () => {
  jest.setTimeout(120_000);
  let database: TestDatabase;
  const cwd = openTempDir('pcsp-users-cli-');
  const cli = (args: string[]) => runCli(['users', ...args], { cwd, env: { DATABASE_URL: database.url, LOG_LEVEL: 'silent' } });

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_users_cli');
    await database.dataSource.query(`INSERT INTO organisations (code, name, level, parent_code) VALUES ('Y63', 'North East and Yorkshire', 'region', NULL), ('QHM', 'NENC ICB', 'icb', 'Y63')`);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates the first admin only when there are no users, storing only an argon2 hash of the printed password', async () => {
    const created = await ensureDemoAdmin(database.dataSource);
    expect(created?.email).toBe('admin@pcsp.local');
    expect(created?.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const [row] = await database.dataSource.query(`SELECT role, password_hash FROM users WHERE email = 'admin@pcsp.local'`);
    expect(row.role).toBe('admin');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, created?.password ?? '')).toBe(true);
    expect(await ensureDemoAdmin(database.dataSource)).toBeUndefined();
  });

  it('adds a commissioner with a generated password shown once, lists users and disables one', async () => {
    const added = await cli(['add', '--email', 'Lead@NENC.nhs.uk', '--role', 'commissioner', '--area', 'QHM', '--name', 'ICB lead']);
    expect(added.stderr).toContain('Added lead@nenc.nhs.uk (commissioner: QHM).');
    expect(added.stdout).toMatch(/^Password \(shown once\): [A-Za-z0-9_-]{20}\n$/);

    await expect(cli(['add', '--email', 'x@nenc.nhs.uk', '--role', 'network', '--area', 'QHM'])).rejects.toMatchObject({
      stderr: expect.stringContaining("pcsp: areas: QHM is a icb, but a network user's area must be a region"),
    });

    const listed = await cli(['list']);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('lead@nenc.nhs.uk\tcommissioner\tQHM\tactive\tnever');

    const disabled = await cli(['disable', 'lead@nenc.nhs.uk']);
    expect(disabled.stderr).toContain('Disabled lead@nenc.nhs.uk.');
    expect((await cli(['list'])).stdout).toContain('lead@nenc.nhs.uk\tcommissioner\tQHM\tdisabled\tnever');
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
