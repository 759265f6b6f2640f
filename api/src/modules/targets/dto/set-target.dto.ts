import { IsIn, IsNumber, IsString, Matches, ValidateBy } from 'class-validator';
import { MEASURE_IDS } from '@pcsp/analytics';
import { reason } from '../../../common/validation.pipe';
import { MONTH } from '../../measures/dto/month';
import type { SetTargetRequest } from '../../../contract/targets.contract';

const TARGET_MONTH = 'targetMonth must be a month YYYY-MM from 2000-01 to 2099-12';

export class SetTargetDto implements SetTargetRequest {
  @IsIn(MEASURE_IDS, { message: 'measure must be a measure id (GET /api/measures lists them)', ...reason('unknown_measure', { withValue: true }) })
  measure!: SetTargetRequest['measure'];

  @IsString({ message: 'org must be an organisation code' })
  org!: string;

  /** Its range depends on the measure (0 to 100 for a percentage): TargetsService.set checks it. */
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'targetRate must be a number' })
  targetRate!: number;

  // Rules run bottom up and a 400 gives the first that failed: text that is no month is coded not_a_month; a real month
  // outside 2000-01 to 2099-12 is refused in the same words without a code (not_a_month would say it is no month).
  @ValidateBy({ name: 'monthFrom2000To2099', validator: { validate: (value) => typeof value === 'string' && value >= '2000-01' && value <= '2099-12' } }, { message: TARGET_MONTH })
  @Matches(MONTH, { message: TARGET_MONTH, ...reason('not_a_month', { withValue: true }) })
  targetMonth!: string;
}
