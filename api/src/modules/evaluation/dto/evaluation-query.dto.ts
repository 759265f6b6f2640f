import { IsOptional, Matches } from 'class-validator';
import { MONTH } from '../../measures/dto/month';
import { ORG_CODE, ORG_CODE_MESSAGE } from '../../orgs/org-code';

export class TrainingEvaluationQueryDto {
  @IsOptional()
  @Matches(ORG_CODE, { message: `area ${ORG_CODE_MESSAGE}` })
  area?: string;
}

export class StandardisedOutcomesQueryDto {
  @Matches(ORG_CODE, { message: `org ${ORG_CODE_MESSAGE}` })
  org!: string;

  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month?: string;
}

export class StandardisedTrendQueryDto {
  @Matches(ORG_CODE, { message: `org ${ORG_CODE_MESSAGE}` })
  org!: string;

  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;
}
