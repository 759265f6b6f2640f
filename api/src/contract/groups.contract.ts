import type { OrganisationRef } from './organisations.contract';

/**
 * A user-defined group of practices, usable as an organisation everywhere (its code, `group:<id>`,
 * goes wherever an org code goes). Figures are summed from its practices' cells at request time.
 */
export interface Group {
  id: number;
  /** `group:<id>`. */
  code: string;
  name: string;
  practices: OrganisationRef[];
  shared: boolean;
  ownerId: string;
  /** The area the group is shared within: the ICB of its practices. */
  icbCode: string;
  createdAt: string;
}

/** `POST /api/groups` body. */
export interface CreateGroupRequest {
  name: string;
  /** 2 to 200 practice codes, all inside the user's area and one ICB. */
  practices: string[];
  shared?: boolean;
}

/** `PATCH /api/groups/:id` body (the owner only): what is left out stays as it is. */
export interface UpdateGroupRequest {
  name?: string;
  /** As in CreateGroupRequest: the whole new list, not additions. */
  practices?: string[];
  shared?: boolean;
}

export interface GroupList {
  groups: Group[];
}
