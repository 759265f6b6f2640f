import { mkdirSync, rmSync } from 'node:fs';
import { startEmbeddedPostgres } from '../../analytics/src/engine/testing/embedded-postgres';
import { createDataSource } from '../../api/src/database/data-source';
import type { Role } from '../../api/src/contract/auth.contract';
import { hashPassword } from '../../api/src/modules/users/password';
import { UsersRepository } from '../../api/src/modules/users/users.repository';

/** Every benchmark user's password. */
export const BENCH_PASSWORD = 'bench password 0123456789';

export interface BenchUser {
  email: string;
  name: string;
  role: Role;
  areas: string[];
}

/**
 * The system of record a benchmark's server runs over: a new embedded Postgres under `dir`, migrated, holding the
 * snapshot's organisations (code, name, level, parent code or '') and its users, the snapshot marked fresh. The
 * records themselves stay in the snapshot only: the benchmarks time reading it, not refreshing it.
 */
export async function startBenchDatabase(dir: string, organisations: string[][], users: BenchUser[]): Promise<Awaited<ReturnType<typeof startEmbeddedPostgres>>> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const pg = await startEmbeddedPostgres(dir);
  const dataSource = createDataSource(pg.url);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  await dataSource.query(
    `INSERT INTO organisations (code, name, level, parent_code)
     SELECT code, name, level, nullif(parent, '') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS o(code, name, level, parent)`,
    [0, 1, 2, 3].map((i) => organisations.map((o) => o[i])),
  );
  await dataSource.query('INSERT INTO snapshot_state (id, stale, refreshed_at) VALUES (1, false, now())');
  const repository = UsersRepository.over(dataSource);
  for (const user of users) await repository.create({ ...user, passwordHash: await hashPassword(BENCH_PASSWORD) });
  await dataSource.destroy();
  return pg;
}
