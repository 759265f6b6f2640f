import type { OrganisationRef } from '@pcsp/contract/organisations.contract';
import { ENGLAND_CODE } from './default-area';

export interface ComparisonLines {
  /** The parent's line, or null when there is none or it is England's or the organisation's own. */
  parent: OrganisationRef | null;
  /** Whether England's line is drawn: not beside England itself. */
  england: boolean;
}

/**
 * The lines an organisation's trend is drawn against, each organisation once: a region's parent is
 * England, which England's own line already shows.
 */
export function comparisonLines(org: OrganisationRef, parent: OrganisationRef | null): ComparisonLines {
  const england = org.code !== ENGLAND_CODE;
  const drawn = new Set([org.code, ...(england ? [ENGLAND_CODE] : [])]);
  return { parent: parent && !drawn.has(parent.code) ? parent : null, england };
}

