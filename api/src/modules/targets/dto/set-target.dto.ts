import { IsIn, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { MEASURE_IDS } from '@pcsp/analytics';
import type { SetTargetRequest } from '../../../contract/targets.contract';

export class SetTargetDto implements SetTargetRequest {
  @IsIn(MEASURE_IDS, { message: 'measure must be a measure id (GET /api/measures lists them)' })
  measure!: SetTargetRequest['measure'];

  @IsString({ message: 'org must be an organisation code' })
  org!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'targetRate must be a number' })
  @Min(0, { message: 'targetRate must not be negative' })
  @Max(1_000_000, { message: 'targetRate must be at most 1,000,000' })
  targetRate!: number;

  @Matches(/^(20\d\d)-(0[1-9]|1[0-2])$/, { message: 'targetMonth must be a month YYYY-MM from 2000-01 to 2099-12' })
  targetMonth!: string;
}
