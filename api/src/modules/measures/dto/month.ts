import { applyDecorators } from '@nestjs/common';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { reason } from '../../../common/validation.pipe';

/** `YYYY-MM` with a real month. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** An optional month parameter (`YYYY-MM`); `name` is the parameter's, for its message. */
export function OptionalMonth(name: string): PropertyDecorator {
  return applyDecorators(IsOptional(), Matches(MONTH, { message: `${name} must be a month YYYY-MM`, ...reason('not_a_month', { withValue: true }) }));
}

/** The optional `format` parameter: json (the default) or csv. */
export function OptionalFormat(): PropertyDecorator {
  return applyDecorators(IsOptional(), IsIn(FORMATS, { message: 'format must be json or csv' }));
}
