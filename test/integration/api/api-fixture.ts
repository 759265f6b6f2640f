import { rmSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '../../../api/src/contract/auth.contract';
import { loadConfig, type AppConfig } from '../../../api/src/config/app-config';
import { createApp } from '../../../api/src/main';
import { refreshAnalytics } from '../../../api/src/modules/refresh/analytics-refresh';
import { hashPassword } from '../../../api/src/modules/users/password';
import { UsersRepository } from '../../../api/src/modules/users/users.repository';
import { openTempDir } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * The population every API test reads (snapshot as of 2024-06-10: months 2023-01 to 2024-05).
 *
 *   England ── Y63 North East ── QHM ICB ── 00L ── U11111 ── A81001 (10 patients), A81002 (4)
 *           └─ Y56 London ────── QMJ ICB ── 93C ── U22222 ── F83001 (5)
 *
 * Everyone has DM since 2010 and is registered since 2000, born 1950-06-01 (age band 65-79 from
 * 2015). Sexes: A81001 patients 1–8 F, 9–10 M; others F.
 * Plans (agreed at the patient's practice):
 *   A81001: patients 1–6 on 2024-03-15; patients 1–2 also on 2023-01-10.
 *   A81002: patient 1 on 2024-03-15.   F83001: patients 1–5 on 2024-03-15.
 * So plan_coverage at 2024-05 (window 2023-06..2024-05): A81001 6/10, A81002 1/4, F83001 5/5,
 * QHM 7/14, England 12/19; at 2023-05 (window 2022-06..2023-05): A81001 2/10, A81002 0/4, F83001 0/5.
 */
export const PRACTICES = { A81001: 10, A81002: 4, F83001: 5 } as const;

/**
 * The hierarchy the API tests share: two regions, an ICB, sub-ICB and PCN in each, practices A81001 and A81002
 * in Blyth PCN (QHM, Y63) and F83001 in Camden PCN (QMJ, Y56).
 */
export async function insertTwoIcbHierarchy(database: TestDatabase): Promise<void> {
  await database.dataSource.query(`
    INSERT INTO organisations (code, name, level, parent_code) VALUES
      ('Y63', 'North East and Yorkshire', 'region', NULL),
      ('Y56', 'London', 'region', NULL),
      ('QHM', 'North East and North Cumbria ICB', 'icb', 'Y63'),
      ('QMJ', 'North Central London ICB', 'icb', 'Y56'),
      ('00L', 'Northumberland', 'sub_icb', 'QHM'),
      ('93C', 'North Central London', 'sub_icb', 'QMJ'),
      ('U11111', 'Blyth PCN', 'pcn', '00L'),
      ('U22222', 'Camden PCN', 'pcn', '93C'),
      ('A81001', 'The Surgery', 'practice', 'U11111'),
      ('A81002', 'Harbour Medical Practice', 'practice', 'U11111'),
      ('F83001', 'Camden Health Centre', 'practice', 'U22222');`);
}

async function insertPopulation(database: TestDatabase): Promise<void> {
  await insertTwoIcbHierarchy(database);
  for (const [practice, count] of Object.entries(PRACTICES)) {
    for (let i = 1; i <= count; i++) {
      const sex = practice === 'A81001' && i > 8 ? 'M' : 'F';
      const pseudonym = `${practice}-${i}`;
      const [{ id }] = await database.dataSource.query(
        `INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group) VALUES ($1, '1950-06-01', $2, 'white') RETURNING id`,
        [pseudonym, sex],
      );
      await database.dataSource.query(`INSERT INTO registrations (patient_id, practice_code, registered_on) VALUES ($1, $2, '2000-01-01')`, [id, practice]);
      await database.dataSource.query(`INSERT INTO conditions (patient_id, condition, diagnosed_on) VALUES ($1, 'DM', '2010-01-01')`, [id]);
      const plans: string[] = [];
      if ((practice === 'A81001' && i <= 6) || (practice === 'A81002' && i === 1) || practice === 'F83001') plans.push('2024-03-15');
      if (practice === 'A81001' && i <= 2) plans.push('2023-01-10');
      for (const [n, agreed] of plans.entries()) {
        await database.dataSource.query(`INSERT INTO care_plans (plan_id, patient_id, practice_code, agreed_on) VALUES ($1, $2, $3, $4)`, [
          `${pseudonym}-plan-${n}`,
          id,
          practice,
          agreed,
        ]);
      }
    }
  }
}

/**
 * With `closedPractice`: A81009 "Old Mill Surgery" in Blyth PCN, whose 3 diabetic patients (one with a plan
 * agreed 2023-06-01) were all registered from 2000-01-01 to 2023-12-31: open until 2023-12, closed from 2024-01.
 */
async function insertClosedPractice(database: TestDatabase): Promise<void> {
  await database.dataSource.query(`INSERT INTO organisations (code, name, level, parent_code) VALUES ('A81009', 'Old Mill Surgery', 'practice', 'U11111')`);
  for (let i = 1; i <= 3; i++) {
    const [{ id }] = await database.dataSource.query(`INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group) VALUES ($1, '1950-06-01', 'F', 'white') RETURNING id`, [`A81009-${i}`]);
    await database.dataSource.query(`INSERT INTO registrations (patient_id, practice_code, registered_on, deregistered_on) VALUES ($1, 'A81009', '2000-01-01', '2023-12-31')`, [id]);
    await database.dataSource.query(`INSERT INTO conditions (patient_id, condition, diagnosed_on) VALUES ($1, 'DM', '2010-01-01')`, [id]);
    if (i === 1) await database.dataSource.query(`INSERT INTO care_plans (plan_id, patient_id, practice_code, agreed_on) VALUES ('A81009-1-plan', $1, 'A81009', '2023-06-01')`, [id]);
  }
}

export const PASSWORD = 'correct horse battery staple';

export const USERS: Record<string, { role: Role; areas: string[] }> = {
  'admin@test.nhs.uk': { role: 'admin', areas: [] },
  'icb@test.nhs.uk': { role: 'commissioner', areas: ['QHM'] },
  'region@test.nhs.uk': { role: 'network', areas: ['Y63'] },
  'practice@test.nhs.uk': { role: 'practice', areas: ['A81001'] },
  'london@test.nhs.uk': { role: 'practice', areas: ['F83001'] },
};

export type UserKey = 'admin' | 'icb' | 'region' | 'practice' | 'london';
const EMAIL: Record<UserKey, string> = {
  admin: 'admin@test.nhs.uk',
  icb: 'icb@test.nhs.uk',
  region: 'region@test.nhs.uk',
  practice: 'practice@test.nhs.uk',
  london: 'london@test.nhs.uk',
};

export interface ApiWorld {
  app: NestFastifyApplication;
  database: TestDatabase;
  config: AppConfig;
  /** Session cookie header value of each user, logged in once. */
  cookie: Record<UserKey, string>;
  get(url: string, as: UserKey, headers?: Record<string, string>): ReturnType<NestFastifyApplication['inject']>;
  close(): Promise<void>;
}

export interface TestUser {
  email: string;
  /** Default: the email's local part. */
  name?: string;
  role: Role;
  areas: readonly string[];
}

/**
 * The real app over the database: the users created (password PASSWORD), the app started, and each
 * user logged in once; `cookieOf[email]` is the session cookie header value.
 */
export async function startAppWithUsers(
  database: TestDatabase,
  config: AppConfig,
  users: readonly TestUser[],
): Promise<{ app: NestFastifyApplication; cookieOf: Record<string, string> }> {
  const repository = UsersRepository.over(database.dataSource);
  const passwordHash = await hashPassword(PASSWORD);
  for (const u of users) await repository.create({ email: u.email, name: u.name ?? u.email.split('@')[0], role: u.role, areas: [...u.areas], passwordHash });
  const app = await createApp({ config, databaseUrl: database.url });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const cookieOf: Record<string, string> = {};
  for (const u of users) {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password: PASSWORD } });
    if (response.statusCode !== 200) throw new Error(`login of ${u.email} failed: ${response.statusCode} ${response.body}`);
    cookieOf[u.email] = String(response.headers['set-cookie']).split(';')[0];
  }
  return { app, cookieOf };
}

/** The real app over a real Postgres and a real snapshot of the population above, with every role logged in. */
export async function createApiWorld(overrides: Partial<AppConfig> = {}, options: { snapshot?: boolean; closedPractice?: boolean } = {}): Promise<ApiWorld> {
  const database = await createTestDatabase('pcsp_api');
  const cwd = openTempDir('pcsp-api-');
  const config = { ...loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000' }, cwd), ...overrides };
  await insertPopulation(database);
  if (options.closedPractice) await insertClosedPractice(database);
  if (options.snapshot !== false) await refreshAnalytics(database.dataSource, config, { pgUrl: database.url, asOf: new Date('2024-06-10') });
  const { app, cookieOf } = await startAppWithUsers(database, config, Object.entries(USERS).map(([email, user]) => ({ email, ...user })));
  const cookie = {} as Record<UserKey, string>;
  for (const key of Object.keys(EMAIL) as UserKey[]) cookie[key] = cookieOf[EMAIL[key]];
  return {
    app,
    database,
    config,
    cookie,
    get: (url, as, headers = {}) => app.inject({ method: 'GET', url, headers: { cookie: cookie[as], ...headers } }),
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
