import type { AuthUser } from '../common/auth.decorators';
import { ProblemException } from '../common/problem';
import { createValidationPipe } from '../common/validation.pipe';
import type { Role } from '../contract/auth.contract';
import type { ParameterProblem, ProblemDetails } from '../contract/problem.contract';

/** A signed-in user of `role` over `areas`, as the guards hand one to a service (for unit tests of refusals). */
export const userOf = (role: Role, areas: string[]): AuthUser => ({
  id: 'u1',
  email: 'u@test.nhs.uk',
  name: 'U',
  role,
  areas,
  sessionId: 's1',
  via: 'cookie',
  expiresAt: new Date('2030-01-01'),
});

/** The problem a refused promise answers with, as the API sends it for `path`; throws where it is not a ProblemException. */
export async function refusalOf(promise: Promise<unknown>, path: string): Promise<ProblemDetails> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProblemException)) throw new Error(`expected a ProblemException, got ${String(error)}`);
  return error.toProblem(path);
}

const pipe = createValidationPipe();

/** The 400 the validation pipe answers `query` with, for the DTO `metatype`, as the API sends it for /api/x. */
export async function queryRefusalOf(metatype: new () => object, query: Record<string, unknown>): Promise<ProblemDetails> {
  const error: unknown = await pipe.transform(query, { type: 'query', metatype }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProblemException)) throw new Error(`expected a ProblemException for ${JSON.stringify(query)}`);
  return error.toProblem('/api/x');
}

/** The problem the API sends for a refusal of one parameter: detail is the entry's message, title that of the status. */
export const problemBody = (status: 400 | 403 | 404, instance: string, entry: ParameterProblem): ProblemDetails => ({
  type: 'about:blank',
  title: { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[status],
  status,
  detail: entry.message,
  instance,
  errors: [entry],
});
