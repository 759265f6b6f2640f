import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ToInteger } from '../../../common/to-integer';
import { ALERTS_DEFAULT_LIMIT, ALERTS_MAX_LIMIT, type UpdateAlertPreferencesRequest } from '../../../contract/alerts.contract';
import { ORG_CODE, ORG_CODE_MESSAGE } from '../../orgs/org-code';

export class AlertsQueryDto {
  @IsOptional()
  @Matches(ORG_CODE, { message: `area ${ORG_CODE_MESSAGE}` })
  area?: string;

  @IsOptional()
  @ToInteger()
  @IsInt({ message: `limit must be a whole number from 1 to ${ALERTS_MAX_LIMIT}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${ALERTS_MAX_LIMIT}` })
  @Max(ALERTS_MAX_LIMIT, { message: `limit must be a whole number from 1 to ${ALERTS_MAX_LIMIT}` })
  limit: number = ALERTS_DEFAULT_LIMIT;

  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'offset must be a whole number ≥ 0' })
  @Min(0, { message: 'offset must be a whole number ≥ 0' })
  offset: number = 0;
}

export class UpdateAlertPreferencesDto implements UpdateAlertPreferencesRequest {
  @IsBoolean({ message: 'weeklyDigest must be true or false' })
  weeklyDigest!: boolean;
}
