import type { Session } from '@pcsp/contract/auth.contract';

/** Whether the user may read the data-quality report (the API's @Roles on GET /data-quality). */
export function mayReadDataQuality(session: Session): boolean {
  return session.user.role !== 'practice';
}

/**
 * Whether the API will split an organisation's figures by a breakdown for this user: a practice
 * lead sees breakdowns of their own practice only (the API's canSeeBreakdowns); other roles of
 * any organisation they may open.
 */
export function maySeeBreakdownsOf(session: Session, code: string): boolean {
  return session.user.role !== 'practice' || session.user.areas[0] === code;
}

/** A practice lead's own practice (their one area), to pick out among others; null for other roles. */
export function ownPracticeOf(session: Session): string | null {
  return session.user.role === 'practice' ? (session.user.areas[0] ?? null) : null;
}
