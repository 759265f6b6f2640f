import type { OrganisationLevel } from './organisations.contract';

/**
 * Every error of the API is an RFC 9457 problem (content type `application/problem+json`).
 * `detail` is a sentence a person can read; for a bad request it names the parameter.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path. */
  instance?: string;
  /**
   * The parameters (query, path or body fields) the request was refused for, one entry each: on every 400, and on a 404
   * or 403 that is about one parameter (an organisation code no organisation has, or one outside the user's area), where
   * the one entry's `message` is `detail`. Absent on a refusal about no parameter (signed out, a route that needs an admin).
   */
  errors?: ParameterProblem[];
}

/**
 * Why a parameter was refused, for a client to act on without reading `message` (whose words may change).
 * Given where an endpoint sets it (practice groups; organisation and group codes, months, measures, breakdowns and
 * levels of the figures; targets and alerts); absent elsewhere.
 */
export type ParameterProblemCode =
  /** Left out. */
  | 'required'
  /** Not the type asked for (text, a list, true or false). */
  | 'wrong_type'
  /** Empty, or only spaces. */
  | 'blank'
  | 'too_long'
  /** Not shaped like a practice code. */
  | 'not_a_practice_code'
  /** Shaped like a practice code, but no practice has it (`value`: the code). */
  | 'unknown_practice'
  /** Fewer or more practices than a group may hold. */
  | 'practice_count'
  /** The same item listed twice. */
  | 'duplicate'
  /** Practices of more than one ICB. */
  | 'one_icb'
  /** Not shaped like an organisation code, nor a group's where the parameter takes a group (`value`: the text sent). */
  | 'not_an_organisation_code'
  /** Shaped like an organisation code, but no organisation has it; a 404 (`value`: the code). */
  | 'unknown_organisation'
  /** An organisation outside the user's area; a 403 (`value`: its code, `name`: its name). */
  | 'outside_area'
  /** No group of this code that the user may know of; a 404 (`value`: the group's code, `group:<number>`). */
  | 'unknown_group'
  /** A shared group holding practices outside the user's area; a 403 (`value`: its code, `name`: its name). */
  | 'group_outside_area'
  /** Not a month written `YYYY-MM` (`value`: the text sent). */
  | 'not_a_month'
  /** A month the snapshot holds no figures for (`value`: the month, `range`: the months it holds). */
  | 'month_outside_range'
  /** Figures split by a breakdown that only the user's own practice may have; a 403 (`value`: the breakdown, e.g. `imd_quintile`). */
  | 'own_practice_only'
  /** No measure has this id (`value`: the id sent): a 404 where the id is in the path, a 400 where it is a query or body parameter (targets). */
  | 'unknown_measure'
  /**
   * An organisation of a level the parameter does not take, such as a practice where an area is asked for: the org
   * of a target (a sub-ICB location, ICB, region or England), the area of the training evaluation (a PCN or larger),
   * the `within` of a comparison (an area at or above the level compared) and of deciles (a PCN or larger; a group
   * of practices is taken too) (`value`: its code, `name`: its name, `levels`: the levels the parameter takes).
   */
  | 'wrong_level'
  /** A measure where neither a higher nor a lower figure is better: it has no targets and raises no alerts (`value`: its id). */
  | 'no_better_direction'
  /** A target below 0, or above 100 for a percentage or 1,000,000 for any other measure (`value`: the number sent, `limits`: the lowest and highest the measure's target may be). */
  | 'target_out_of_range'
  /** No target has this id; a 404 (`value`: the id sent). It may have been deleted since the list was read. */
  | 'unknown_target'
  /** Not a reason an alert is raised for (`value`: the text sent). */
  | 'unknown_alert_reason'
  /**
   * Not a breakdown the measure's figures are split by (`value`: the text sent, `allowed`: the measure's breakdowns,
   * empty for a measure without any). Without `allowed` where the text is shaped like no breakdown at all.
   */
  | 'unknown_breakdown'
  /**
   * A level the parameter does not take here, where the parameter is itself a level: a comparison's `level` or
   * `benchmark` that is none of the levels it takes, a `benchmark` not above its `level`, a `level` other than practice
   * within a group, or a `level` of deciles other than practice (`value`: the text sent, `levels`: the levels it takes
   * here).
   */
  | 'level_not_allowed'
  /** A first month (`from`) after the last (`to`) (`value`: the first month sent). */
  | 'months_reversed'
  /** More months from `from` to `to` than one answer holds (`value`: the first month sent, `maxMonths`: the most it holds). */
  | 'span_too_long';

export interface ParameterProblem {
  /** The parameter's name as sent, e.g. `month`, `org`, `practices[2]`. */
  parameter: string;
  message: string;
  code?: ParameterProblemCode;
  /** The refused value, where the code needs it (the practice code of `unknown_practice`, the month of `not_a_month`). */
  value?: string;
  /** The name of the organisation or group `value` codes, where the code says so (`outside_area`, `group_outside_area`). */
  name?: string;
  /** The first and last months (`YYYY-MM`) there are figures for, with `month_outside_range`. */
  range?: MonthRange;
  /** The levels of organisation the parameter takes, with `wrong_level` and `level_not_allowed`. */
  levels?: OrganisationLevel[];
  /** The lowest and highest values allowed, with `target_out_of_range`. */
  limits?: { min: number; max: number };
  /** The values the parameter takes, with `unknown_breakdown`. */
  allowed?: string[];
  /** The most months one answer holds, with `span_too_long`. */
  maxMonths?: number;
}

/** The months of a snapshot, first to last inclusive, each `YYYY-MM`. */
export interface MonthRange {
  first: string;
  last: string;
}
