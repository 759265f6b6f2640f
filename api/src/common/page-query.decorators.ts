import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInteger } from './to-integer';

/**
 * `limit` of a list answered a page at a time: a whole number from 1 to `max`; the property's
 * initialiser is the default. Decorators rather than a base class, so that each parameter keeps its
 * place among the DTO's own (class-validator checks inherited properties last, which would reorder
 * the joined message of a request with several bad parameters).
 */
export function PageLimit(max: number): PropertyDecorator {
  const message = `limit must be a whole number from 1 to ${max}`;
  return applyDecorators(IsOptional(), ToInteger(), IsInt({ message }), Min(1, { message }), Max(max, { message }));
}

/** `offset` of a list answered a page at a time: a whole number, 0 or more; the property's initialiser is the default. */
export function PageOffset(): PropertyDecorator {
  const message = 'offset must be a whole number ≥ 0';
  return applyDecorators(IsOptional(), ToInteger(), IsInt({ message }), Min(0, { message }));
}
