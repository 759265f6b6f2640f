import type { Session } from '@pcsp/contract/auth.contract';
import type { OrganisationRef } from '@pcsp/contract/organisations.contract';
import { Fragment } from 'react';
import { Link } from 'react-router-dom';

/**
 * Whether the user may open the report card of `parents[index]`, an organisation the card's subject sits in
 * (`parents` nearest first), by the API's access scope: an administrator anything; a commissioner or network
 * manager their areas and what is inside them; a practice lead their ICB and what is inside it, which holds every
 * card they can open, so every ancestor up to the ICB.
 */
export function mayOpenParent(session: Session, parents: readonly OrganisationRef[], index: number): boolean {
  const parent = parents[index];
  if (!parent) return false;
  switch (session.user.role) {
    case 'admin':
      return true;
    case 'practice':
      return parent.level === 'pcn' || parent.level === 'sub_icb' || parent.level === 'icb';
    default:
      return parents.slice(index).some((p) => session.user.areas.includes(p.code));
  }
}

/**
 * "In" and the organisations the card's subject sits in, nearest first, each a link to its report card where the user
 * may open it: a paragraph under the h1, which names the organisation only (a screen reader's heading list stays short).
 */
export function OrganisationPath({ parents, session }: { parents: readonly OrganisationRef[]; session: Session | null | undefined }) {
  if (parents.length === 0) return null;
  return (
    <p className="nhsuk-body" data-testid="organisation-path">
      In{' '}
      {parents.map((p, i) => (
        <Fragment key={p.code}>
          {i > 0 && ', '}
          {session && mayOpenParent(session, parents, i) ? <Link to={`/org/${encodeURIComponent(p.code)}`}>{p.name}</Link> : p.name}
        </Fragment>
      ))}
    </p>
  );
}
