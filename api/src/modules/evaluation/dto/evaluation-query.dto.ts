import { IsOptional, Matches } from 'class-validator';
import { OptionalMonth } from '../../measures/dto/month';
import { NOT_AN_ORGANISATION_CODE, ORG_CODE, ORG_CODE_MESSAGE } from '../../orgs/org-code';

export class TrainingEvaluationQueryDto {
  @IsOptional()
  @Matches(ORG_CODE, { message: `area ${ORG_CODE_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  area?: string;
}

export class StandardisedOutcomesQueryDto {
  @Matches(ORG_CODE, { message: `org ${ORG_CODE_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  org!: string;

  @OptionalMonth('month')
  month?: string;
}

export class StandardisedTrendQueryDto {
  @Matches(ORG_CODE, { message: `org ${ORG_CODE_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  org!: string;

  @OptionalMonth('from')
  from?: string;

  @OptionalMonth('to')
  to?: string;
}
