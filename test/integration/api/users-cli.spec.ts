import { ensureDemoAdmin } from '../../../api/src/modules/users/demo-admin';
import { verifyPassword } from '../../../api/src/modules/users/password';
import { openTempDir, removeTempDirs, runCli } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('pcsp users add|list|disable|set-password, and the demo admin', () => {
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

  it('sets a lost password: a generated one shown once (or the one given), the old one no longer verifies, browser sessions end and tokens stay', async () => {
    await cli(['add', '--email', 'lost@nenc.nhs.uk', '--role', 'commissioner', '--area', 'QHM', '--password', 'first-password-123']);
    const [{ id }] = await database.dataSource.query(`SELECT id FROM users WHERE email = 'lost@nenc.nhs.uk'`);
    const session = (kind: string, n: number) =>
      database.dataSource.query(`INSERT INTO sessions (secret_hash, public_id, user_id, kind, expires_at) VALUES ($1, gen_random_uuid(), $2, $3, now() + interval '1 day')`, [String(n).repeat(64), id, kind]);
    await session('session', 1);
    await session('token', 2);
    const hashOf = async () => (await database.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [id]))[0].password_hash as string;

    const set = await cli(['set-password', 'Lost@NENC.nhs.uk']);
    expect(set.stderr).toContain('Set a new password for lost@nenc.nhs.uk; their browser sessions have ended.');
    const printed = /^Password \(shown once\): ([A-Za-z0-9_-]{20})\n$/.exec(set.stdout)?.[1];
    expect(printed).toBeDefined();
    expect(await verifyPassword(await hashOf(), printed ?? '')).toBe(true);
    expect(await verifyPassword(await hashOf(), 'first-password-123')).toBe(false);
    expect(await database.dataSource.query(`SELECT kind FROM sessions WHERE user_id = $1`, [id])).toEqual([{ kind: 'token' }]);

    const given = await cli(['set-password', 'lost@nenc.nhs.uk', '--password', 'second-password-456']);
    expect(given.stdout).toBe('');
    expect(await verifyPassword(await hashOf(), 'second-password-456')).toBe(true);
    await expect(cli(['set-password', 'lost@nenc.nhs.uk', '--password', 'short'])).rejects.toMatchObject({ stderr: 'pcsp: --password must be at least 12 characters\n' });
    await expect(cli(['set-password', 'nobody@nenc.nhs.uk'])).rejects.toMatchObject({ stderr: 'pcsp: No user with email nobody@nenc.nhs.uk\n' });
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
