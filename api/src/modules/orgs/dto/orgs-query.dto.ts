import { ToInteger } from '../../../common/to-integer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { OrganisationLevel } from '../../../contract/organisations.contract';
import { LEVEL_ORDER } from '../org-directory';
import { ORG_CODE, ORG_CODE_MESSAGE } from '../org-code';

export class OrgsQueryDto {
  @IsOptional()
  @IsIn(LEVEL_ORDER, { message: `level must be one of ${LEVEL_ORDER.join(', ')}` })
  level?: OrganisationLevel;

  @IsOptional()
  @Matches(ORG_CODE, { message: `parent ${ORG_CODE_MESSAGE}` })
  parent?: string;

  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;

  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'limit must be a whole number from 1 to 1000' })
  @Min(1, { message: 'limit must be a whole number from 1 to 1000' })
  @Max(1000, { message: 'limit must be a whole number from 1 to 1000' })
  limit: number = 100;

  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'offset must be a whole number ≥ 0' })
  @Min(0, { message: 'offset must be a whole number ≥ 0' })
  offset: number = 0;
}
