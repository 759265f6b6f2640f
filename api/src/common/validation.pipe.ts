import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ParameterProblem } from '../contract/problem.contract';
import { ProblemException, quoteValue } from './problem';

/** Parameters whose values are never repeated in a message (a mistyped password is still a password). */
const SECRET_PARAMETER = /(^|\.)(password|token|secret)$/i;

function flatten(errors: ValidationError[], prefix = ''): ParameterProblem[] {
  const out: ParameterProblem[] = [];
  for (const error of errors) {
    const parameter = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    const constraints = error.constraints ?? {};
    if ('whitelistValidation' in constraints) {
      out.push({ parameter, message: `${parameter} is not a parameter of this request` });
    } else if (error.value === undefined && Object.keys(constraints).length > 0) {
      out.push({ parameter, message: `${parameter} is required` });
    } else {
      // One message per parameter: the first failed rule says what is expected.
      const first = Object.values(constraints)[0];
      if (first !== undefined) {
        const given = error.value === undefined || SECRET_PARAMETER.test(parameter) ? '' : ` (got ${quoteValue(error.value)})`;
        out.push({ parameter, message: `${first.replace(/^\$property\b/, parameter)}${given}` });
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
