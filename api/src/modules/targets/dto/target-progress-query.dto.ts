import { IsIn, IsOptional, IsString } from 'class-validator';
import { MEASURE_IDS } from '@pcsp/analytics';
import { reason } from '../../../common/validation.pipe';
import { NOT_AN_ORGANISATION_CODE } from '../../orgs/org-code';

export class TargetProgressQueryDto {
  @IsString({ message: 'org must be an organisation code', ...NOT_AN_ORGANISATION_CODE })
  org!: string;

  @IsOptional()
  @IsIn(MEASURE_IDS, { message: 'measure must be a measure id (GET /api/measures lists them)', ...reason('unknown_measure', { withValue: true }) })
  measure?: (typeof MEASURE_IDS)[number];
}

export class TargetListQueryDto {
  @IsOptional()
  @IsString({ message: 'org must be an organisation code', ...NOT_AN_ORGANISATION_CODE })
  org?: string;
}
