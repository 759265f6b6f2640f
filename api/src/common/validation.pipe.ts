import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ParameterProblem, ParameterProblemCode } from '../contract/problem.contract';
import { ProblemException, quoteValue } from './problem';

/** Parameters whose values are never repeated in a message (a mistyped password is still a password). */
const SECRET_PARAMETER = /(^|\.)(password|token|secret)$/i;

/** What a rule's reason gives besides its code: the levels a parameter takes (with `level_not_allowed`). */
type ReasonDetails = Pick<ParameterProblem, 'levels'>;

/**
 * The reason a DTO gave the rule `constraint` (class-validator's `context: { code }`), as `{ code }` to spread; none if it
 * gave none. A context `{ code, withValue: true }` gives the text sent as `value` too (never a secret's, nor a list), and
 * one with `details` gives those (the levels the parameter takes).
 */
function reasonOf(error: ValidationError, constraint: string, parameter: string): Pick<ParameterProblem, 'code' | 'value' | 'levels'> {
  const context: { code?: unknown; withValue?: unknown; details?: ReasonDetails } | undefined = error.contexts?.[constraint];
  if (typeof context?.code !== 'string') return {};
  const code = context.code as ParameterProblemCode;
  const withValue = context.withValue === true && typeof error.value === 'string' && !SECRET_PARAMETER.test(parameter);
  return { code, ...(withValue && { value: error.value as string }), ...context.details };
}

/**
 * A rule's reason code for the validation pipe to give with its message; `withValue`: with the text sent as `value`;
 * `details`: what else the code carries (the levels a level parameter takes).
 */
export const reason = (code: ParameterProblemCode, options: { withValue?: true; details?: ReasonDetails } = {}) => ({ context: { code, ...options } });

function flatten(errors: ValidationError[], prefix = ''): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  for (const error of errors) {
    const parameter = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    const constraints = error.constraints ?? {};
    if ('whitelistValidation' in constraints) {
      out.push({ parameter, message: `${parameter} is not a parameter of this request` });
    } else if (error.value === undefined && Object.keys(constraints).length > 0) {
      // A DTO that gives its rules reason codes has a field left out coded too.
      const coded = Object.keys(constraints).some((constraint) => reasonOf(error, constraint, parameter).code);
      out.push({ parameter, message: `${parameter} is required`, ...(coded && { code: 'required' as const }) });
    } else {
      // One message per parameter: the first failed rule says what is expected.
      const [constraint, first] = Object.entries(constraints)[0] ?? [];
      if (constraint !== undefined && first !== undefined) {
        const given = error.value === undefined || SECRET_PARAMETER.test(parameter) ? '' : ` (got ${quoteValue(error.value)})`;
        out.push({ parameter, message: `${first.replace(/^\$property\b/, parameter)}${given}`, ...reasonOf(error, constraint, parameter) });
      }
    }
    if (error.children?.length) out.push(...flatten(error.children, parameter));
  }
  return out;
}

/**
 * Query, path and body DTOs are validated with whitelisting: an unknown parameter is rejected,
 * and every problem names its parameter (400 application/problem+json).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new ProblemException(400, problems.map((p) => p.message).join('; '), problems);
    },
  });
}
