import { IsIn, IsOptional, IsString } from 'class-validator';
import { MEASURE_IDS } from '@pcsp/analytics';

export class TargetProgressQueryDto {
  @IsString({ message: 'org must be an organisation code' })
  org!: string;

  @IsOptional()
  @IsIn(MEASURE_IDS, { message: 'measure must be a measure id (GET /api/measures lists them)' })
  measure?: (typeof MEASURE_IDS)[number];
}

export class TargetListQueryDto {
  @IsOptional()
  @IsString({ message: 'org must be an organisation code' })
  org?: string;
}
