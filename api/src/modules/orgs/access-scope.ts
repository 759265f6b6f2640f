import type { Role } from '../../contract/auth.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { OrgDirectory, type OrgNode } from './org-directory';

/**
 * What one user may see: organisations inside `area` ([] = everything). Breakdowns (finer than a
 * whole organisation) only where `breakdownsOf` says so: a practice user sees its peers' whole
 * figures with names, but breakdowns only of its own practice.
 */
export interface AccessScope {
  role: Role;
  area: string[];
  /** A practice user's own practice. */
  practice: string | null;
  /** Stable key of the scope, for caches keyed by scope as well as URL. */
  key: string;
  canSee(node: OrgNode): boolean;
  canSeeBreakdowns(node: OrgNode): boolean;
}

/** The scope of a user over the snapshot's organisations. */
export function accessScope(user: Pick<AuthUser, 'role' | 'areas'>, directory: OrgDirectory): AccessScope {
  const build = (area: string[], practice: string | null): AccessScope => ({
    role: user.role,
    area,
    practice,
    key: `${user.role}:${practice ?? ''}:${area.join(',')}`,
    canSee: (node) => OrgDirectory.inside(node, area),
    canSeeBreakdowns: (node) => (practice === null ? OrgDirectory.inside(node, area) : node.code === practice),
  });
  switch (user.role) {
    case 'admin':
      return build([], null);
    case 'commissioner':
    case 'network':
      // A user whose area is missing from the snapshot sees nothing rather than everything.
      return build(user.areas.length > 0 ? [...user.areas].sort() : ['-'], null);
    case 'practice': {
      const practice = user.areas[0] ?? '-';
      const icb = directory.get(practice)?.icbCode;
      return build([icb ?? practice], practice);
    }
  }
}
