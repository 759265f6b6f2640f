import type { OrganisationLevel } from '@pcsp/analytics';

/** Levels of the NHS hierarchy as results name them (practice … england). */
export type { OrganisationLevel };
/** `group` is a user-defined group of practices. */
export type AnyOrganisationLevel = OrganisationLevel | 'group';

/** An organisation named in a result. Group codes look like `group:12`. */
export interface OrganisationRef {
  code: string;
  name: string;
  level: AnyOrganisationLevel;
}

/** `GET /api/orgs?level=&parent=&q=&limit=&offset=`: one row per organisation. */
export interface Organisation extends OrganisationRef {
  level: OrganisationLevel;
  parentCode: string | null;
}

export interface OrganisationList {
  total: number;
  offset: number;
  limit: number;
  organisations: Organisation[];
}

/** `GET /api/orgs/:code`: one organisation with its chain of parents (nearest first) and children. */
export interface OrganisationDetail extends OrganisationRef {
  parentCode: string | null;
  parents: OrganisationRef[];
  children: OrganisationRef[];
}
