import { hash, verify, argon2id } from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with the OWASP minimum (19 MiB, 2 passes): about 50 ms here, cheap enough for a login, dear for a guesser. */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random password of 20 URL-safe characters (120 bits), for the demo admin and `pcsp users add`. */
export const generatePassword = (): string => randomBytes(15).toString('base64url');
