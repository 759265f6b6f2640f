import type { Session } from '@pcsp/contract/auth.contract';
import { ENGLAND_CODE } from '@pcsp/analytics/sql/snapshot-results.sql';

/** The area a user sees first: their first area, or England for an administrator. */
export function defaultArea(session: Session | null | undefined): string {
  return session?.areas[0]?.code ?? session?.user.areas[0] ?? ENGLAND_CODE;
}

export { ENGLAND_CODE };
