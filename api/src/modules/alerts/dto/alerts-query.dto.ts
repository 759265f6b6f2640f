import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { PageLimit, PageOffset } from '../../../common/page-query.decorators';
import { ALERTS_DEFAULT_LIMIT, ALERTS_MAX_LIMIT, type UpdateAlertPreferencesRequest } from '../../../contract/alerts.contract';
import { ORG_CODE, ORG_CODE_MESSAGE } from '../../orgs/org-code';

export class AlertsQueryDto {
  @IsOptional()
  @Matches(ORG_CODE, { message: `area ${ORG_CODE_MESSAGE}` })
  area?: string;

  @PageLimit(ALERTS_MAX_LIMIT)
  limit: number = ALERTS_DEFAULT_LIMIT;

  @PageOffset()
  offset: number = 0;
}

export class UpdateAlertPreferencesDto implements UpdateAlertPreferencesRequest {
  @IsBoolean({ message: 'weeklyDigest must be true or false' })
  weeklyDigest!: boolean;
}
