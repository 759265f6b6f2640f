import type { DataSource } from 'typeorm';
import { generatePassword, hashPassword } from './password';
import { UsersRepository } from './users.repository';

export const DEMO_ADMIN_EMAIL = 'admin@pcsp.local';

/**
 * Creates the first admin for the demo when there are no users at all, and returns its password
 * (to be printed once; only its hash is stored). Undefined when users exist already.
 */
export async function ensureDemoAdmin(dataSource: DataSource): Promise<{ email: string; password: string } | undefined> {
  const users = UsersRepository.over(dataSource);
  if ((await users.count()) > 0) return undefined;
  const password = generatePassword();
  await users.create({ email: DEMO_ADMIN_EMAIL, name: 'Administrator', role: 'admin', areas: [], passwordHash: await hashPassword(password) });
  return { email: DEMO_ADMIN_EMAIL, password };
}
