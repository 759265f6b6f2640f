import { PageLimit, PageOffset } from '../../../common/page-query.decorators';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { OrganisationLevel } from '../../../contract/organisations.contract';
import { LEVEL_ORDER } from '../org-directory';
import { NOT_AN_ORGANISATION_CODE, ORG_CODE, ORG_CODE_MESSAGE } from '../org-code';

export class OrgsQueryDto {
  @IsOptional()
  @IsIn(LEVEL_ORDER, { message: `level must be one of ${LEVEL_ORDER.join(', ')}` })
  level?: OrganisationLevel;

  @IsOptional()
  @Matches(ORG_CODE, { message: `parent ${ORG_CODE_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  parent?: string;

  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;

  @PageLimit(1000)
  limit: number = 100;

  @PageOffset()
  offset: number = 0;
}
