import type { Session } from '@pcsp/contract/auth.contract';
import type { OrganisationRef } from '@pcsp/contract/organisations.contract';
import type { ParameterProblemCode } from '@pcsp/contract/problem.contract';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../lib/api-client';
import { ENGLAND_CODE } from '../lib/default-area';

/** Why a page cannot show the organisation its URL names, from the API's answer for it. */
export interface OrganisationProblem {
  kind: 'not-found' | 'no-access';
  /** The page's h1. */
  heading: string;
  /** What to check, said under the heading. */
  explanation: string;
}

/** "Not found – " or "No access – ", before the page's own title, so that a tab or a screen reader's first words say so. */
export function organisationProblemTitle(problem: OrganisationProblem, page: string): string {
  return `${problem.kind === 'not-found' ? 'Not found' : 'No access'} – ${page}`;
}

/** The kind of problem each reason code about the organisation or group itself is (api/src/contract/problem.contract.ts). */
const KIND_OF_CODE: Partial<Record<ParameterProblemCode, 'not-found' | 'no-access' | 'malformed'>> = {
  unknown_organisation: 'not-found',
  unknown_group: 'not-found',
  outside_area: 'no-access',
  group_outside_area: 'no-access',
  not_an_organisation_code: 'malformed',
};

const KIND_OF_STATUS: Record<number, 'not-found' | 'no-access' | 'malformed'> = { 404: 'not-found', 403: 'no-access', 400: 'malformed' };

/**
 * The API's answer for the organisation or group `code` (GET /orgs/:code, or a group's summary) as a page-level problem:
 * no such organisation (or no group the user may know of), outside the user's area, or no organisation code at all, by
 * the reason code the API gives (by its status, 404, 403 or 400, where it gives none). Undefined for any other failure,
 * such as a refused month of a group's summary, which is not about the code.
 */
export function organisationProblem(error: unknown, code: string): OrganisationProblem | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const reason = error.problem?.errors?.[0]?.code;
  const kind = reason === undefined ? KIND_OF_STATUS[error.status] : KIND_OF_CODE[reason];
  const group = code.startsWith('group:');
  const typed = 'If you typed the web address, check it is correct.';
  const ask = 'If you need to see its figures, ask an administrator of PCSP Insights to add it to the areas of your account.';
  switch (kind) {
    case 'not-found':
      return group
        ? { kind: 'not-found', heading: 'This group could not be found', explanation: 'It may have been deleted, or its owner no longer shares it.' }
        : { kind: 'not-found', heading: `No organisation has the code ${code}`, explanation: typed };
    case 'no-access':
      return group
        ? { kind: 'no-access', heading: 'This group holds practices outside the area you can see', explanation: ask }
        : { kind: 'no-access', heading: `${code} is outside the area you can see`, explanation: ask };
    case 'malformed':
      return {
        kind: 'not-found',
        heading: `“${code}” is not an organisation code`,
        explanation: `${typed} Organisation codes are 1 to 8 letters or digits, such as A81001.`,
      };
    default:
      return undefined;
  }
}

/** The page-level message: what is wrong as the h1, what to check, then what the user can do instead (`children`). */
export function OrganisationProblemMessage({ problem, children }: { problem: OrganisationProblem; children: ReactNode }) {
  return (
    <div data-testid="organisation-problem">
      <h1>{problem.heading}</h1>
      <p>{problem.explanation}</p>
      {children}
    </div>
  );
}

/** The areas a user sees first (their session's, England for an administrator with none), for a problem page's links. */
export function ownAreas(session: Session | null | undefined): OrganisationRef[] {
  return session?.areas.length ? session.areas : [{ code: ENGLAND_CODE, name: 'England', level: 'england' }];
}

/** Links to the user's own areas, "A, B or C", each to `href(code)`. */
export function OwnAreaLinks({ session, href }: { session: Session | null | undefined; href: (code: string) => string }) {
  const areas = ownAreas(session);
  return (
    <>
      {areas.map((a, i) => (
        <Fragment key={a.code}>
          {i > 0 && (i === areas.length - 1 ? ' or ' : ', ')}
          <Link to={href(a.code)}>{a.name}</Link>
        </Fragment>
      ))}
    </>
  );
}
