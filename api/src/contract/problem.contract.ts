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

export interface ParameterProblem {
  /** The parameter's name as sent, e.g. `month`, `org`, `practices[2]`. */
  parameter: string;
  message: string;
}
