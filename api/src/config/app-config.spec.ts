import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const made: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcsp-config-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env, tempDir());
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('has working defaults: port 3000, embedded database, DATA_DIR .data under the working folder', () => {
    const cwd = tempDir();
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: join(cwd, '.data'),
      logLevel: 'info',
      nodeEnv: 'development',
      disclosureControl: true,
      demo: { practices: 40, patients: 300_000, years: 5 },
    });
  });

  it('generates the pseudonymisation key once, keeps it private under DATA_DIR, and reuses it', () => {
    const cwd = tempDir();
    const first = loadConfig({}, cwd);
    const keyFile = join(cwd, '.data', 'pseudonym.key');
    expect(first.pseudonymKey).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(first.pseudonymKey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, cwd).pseudonymKey).toBe(first.pseudonymKey);
  });

  it('uses a key given in the environment and does not write one', () => {
    const cwd = tempDir();
    const key = 'k'.repeat(40);
    expect(loadConfig({ PSEUDONYM_KEY: key }, cwd).pseudonymKey).toBe(key);
    expect(() => statSync(join(cwd, '.data', 'pseudonym.key'))).toThrow(/ENOENT/);
  });

  it('names every malformed setting at once', () => {
    expect(
      problemsOf({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://db/pcsp',
        LOG_LEVEL: 'loud',
        PSEUDONYM_KEY: 'short',
        DISCLOSURE_CONTROL: 'maybe',
      }),
    ).toEqual([
      'PORT: Invalid input: expected number, received NaN (got "eighty")',
      'DATABASE_URL: must be a URL like postgres://user:password@host:5432/database',
      'PSEUDONYM_KEY: must be at least 32 characters (e.g. 64 hex digits from `openssl rand -hex 32`)',
      'LOG_LEVEL: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent" (got "loud")',
      'DISCLOSURE_CONTROL: Invalid option: expected one of "on"|"off" (got "maybe")',
    ]);
  });

  it('rejects a port out of range and never echoes secrets', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT: Too big: expected number to be <=65535 (got "70000")']);
    const problems = problemsOf({ DATABASE_URL: 'not a url with password hunter2' });
    expect(problems.join(' ')).not.toContain('hunter2');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, tempDir())).toMatchObject({ port: 3000, databaseUrl: undefined });
  });
});

describe('SMTP settings of the weekly alerts email', () => {
  it('leave the digest off when SMTP_HOST is unset, and read every setting when it is set', () => {
    expect(loadConfig({}, tempDir())).toMatchObject({ smtp: undefined, digestSchedule: '0 7 * * 1' });
    const config = loadConfig(
      { SMTP_HOST: 'mail.example.nhs.uk', SMTP_PORT: '2525', SMTP_SECURE: 'on', SMTP_USER: 'insights', SMTP_PASSWORD: 'secret-value', SMTP_FROM: 'PCSP Insights <insights@example.nhs.uk>', DIGEST_SCHEDULE: '30 6 * * 2' },
      tempDir(),
    );
    expect(config.smtp).toEqual({ host: 'mail.example.nhs.uk', port: 2525, secure: true, user: 'insights', password: 'secret-value', from: 'PCSP Insights <insights@example.nhs.uk>' });
    expect(config.digestSchedule).toBe('30 6 * * 2');
  });

  it('name every bad SMTP setting at once and never echo the password', () => {
    expect(problemsOf({ SMTP_HOST: 'mail', SMTP_PORT: '0', SMTP_PASSWORD: 'hunter2', DIGEST_SCHEDULE: 'weekly' })).toEqual([
      'SMTP_PORT: Too small: expected number to be >=1 (got "0")',
      'DIGEST_SCHEDULE: must be a cron expression of 5 fields, e.g. "0 7 * * 1" (got "weekly")',
      'SMTP_FROM: must be set when SMTP_HOST is (the sender of the alerts email)',
      'SMTP_USER: SMTP_USER and SMTP_PASSWORD go together',
    ]);
    expect(problemsOf({ DIGEST_SCHEDULE: '0 25 * * 1' })).toEqual([
      'DIGEST_SCHEDULE: is not a schedule cron can run: Field value (25) is out of range (got "0 25 * * 1")',
    ]);
    expect(problemsOf({ SMTP_HOST: 'mail', SMTP_FROM: 'not an address' })).toEqual([
      'SMTP_FROM: must be an address, e.g. insights@example.nhs.uk or PCSP Insights <insights@example.nhs.uk> (got "not an address")',
    ]);
  });

  it('name the settings that go together even when another setting is not of its type at all', () => {
    // PORT=abc is no number (zod stops checking the object there); SMTP_HOST without SMTP_FROM is still named.
    expect(problemsOf({ SMTP_HOST: 'x', PORT: 'abc' })).toEqual([
      'PORT: Invalid input: expected number, received NaN (got "abc")',
      'SMTP_FROM: must be set when SMTP_HOST is (the sender of the alerts email)',
    ]);
    expect(problemsOf({ LOG_LEVEL: 'loud', SMTP_USER: 'insights' })).toEqual([
      'LOG_LEVEL: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent" (got "loud")',
      'SMTP_PASSWORD: SMTP_USER and SMTP_PASSWORD go together',
    ]);
  });
});
