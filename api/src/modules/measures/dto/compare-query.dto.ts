import { Transform } from 'class-transformer';
import { PageLimit, PageOffset } from '../../../common/page-query.decorators';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { reason } from '../../../common/validation.pipe';
import type { ChangePeriod, CompareSort } from '../../../contract/compare.contract';
import { NOT_AN_ORGANISATION_CODE, ORG_OR_GROUP_CODE, ORG_OR_GROUP_MESSAGE } from '../../orgs/org-code';
import { type Format, OptionalFormat, OptionalMonth } from './month';

export const COMPARE_LEVELS = ['practice', 'pcn', 'sub_icb', 'icb', 'region'] as const;
export const BENCHMARKS = ['icb', 'region', 'england'] as const;
export const CHANGE_PERIODS: readonly ChangePeriod[] = ['12m', 'quarter', 'year-on-year'];
export const COMPARE_SORTS: readonly CompareSort[] = ['rank', 'rate', '-rate', 'name', 'code', 'denominator', '-denominator', 'change', '-change'];

export class CompareQueryDto {
  @OptionalMonth('month')
  month?: string;

  @IsOptional()
  @IsIn(COMPARE_LEVELS, { message: `level must be one of ${COMPARE_LEVELS.join(', ')}`, ...reason('level_not_allowed', { withValue: true, details: { levels: [...COMPARE_LEVELS] } }) })
  level: (typeof COMPARE_LEVELS)[number] = 'practice';

  @IsOptional()
  @Matches(ORG_OR_GROUP_CODE, { message: `within ${ORG_OR_GROUP_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  within?: string;

  @IsOptional()
  @IsIn(BENCHMARKS, { message: `benchmark must be one of ${BENCHMARKS.join(', ')}`, ...reason('level_not_allowed', { withValue: true, details: { levels: [...BENCHMARKS] } }) })
  benchmark: (typeof BENCHMARKS)[number] = 'england';

  @IsOptional()
  @IsIn(CHANGE_PERIODS, { message: `change must be one of ${CHANGE_PERIODS.join(', ')}` })
  change?: ChangePeriod;

  @IsOptional()
  @IsIn(COMPARE_SORTS, { message: `sort must be one of ${COMPARE_SORTS.join(', ')}` })
  sort: CompareSort = 'rank';

  @PageLimit(1000)
  limit: number = 100;

  @PageOffset()
  offset: number = 0;

  /** `true` lists closed organisations (no patients registered at the month) too; left out by default. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeClosed must be true or false' })
  includeClosed?: boolean;

  @OptionalFormat()
  format?: Format;
}
