import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ORG_OR_GROUP_CODE, ORG_OR_GROUP_MESSAGE } from '../../orgs/org-code';
import { FORMATS, MONTH, type Format } from './month';

export class SeriesQueryDto {
  @IsString({ message: `org ${ORG_OR_GROUP_MESSAGE}` })
  @Matches(ORG_OR_GROUP_CODE, { message: `org ${ORG_OR_GROUP_MESSAGE}` })
  org!: string;

  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;

  @IsOptional()
  @Matches(/^[a-z_]{1,20}$/, { message: 'breakdown must be a breakdown dimension such as age_band' })
  breakdown?: string;

  @IsOptional()
  @IsIn(FORMATS, { message: 'format must be json or csv' })
  format?: Format;
}
