import { IsIn, IsOptional, Matches } from 'class-validator';
import { ORG_OR_GROUP_CODE, ORG_OR_GROUP_MESSAGE } from '../../orgs/org-code';
import { FORMATS, MONTH, type Format } from './month';

export class DecilesQueryDto {
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;

  @IsOptional()
  @IsIn(['practice'], { message: 'level must be practice (deciles are across practices)' })
  level: 'practice' = 'practice';

  @IsOptional()
  @Matches(ORG_OR_GROUP_CODE, { message: `within ${ORG_OR_GROUP_MESSAGE}` })
  within?: string;

  @IsOptional()
  @Matches(ORG_OR_GROUP_CODE, { message: `org ${ORG_OR_GROUP_MESSAGE}` })
  org?: string;

  @IsOptional()
  @IsIn(FORMATS, { message: 'format must be json or csv' })
  format?: Format;
}
