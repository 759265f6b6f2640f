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
  /** For 400s: one entry per offending parameter (query, path or body field). */
  errors?: ParameterProblem[];
}

/**
 * Why a parameter was refused, for a client to act on without reading `message` (whose words may change).
 * Given where an endpoint sets it (so far: a practice group's name and practices); absent elsewhere.
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
  | 'one_icb';

export interface ParameterProblem {
  /** The parameter's name as sent, e.g. `month`, `org`, `practices[2]`. */
  parameter: string;
  message: string;
  code?: ParameterProblemCode;
  /** The refused value, where the code needs it (the practice code of `unknown_practice`). */
  value?: string;
}
