import { IsBoolean, IsOptional, Matches } from 'class-validator';
import type { UpdateAlertPreferencesRequest } from '../../../contract/alerts.contract';
import { ORG_CODE, ORG_CODE_MESSAGE } from '../../orgs/org-code';

export class AlertsQueryDto {
  @IsOptional()
  @Matches(ORG_CODE, { message: `area ${ORG_CODE_MESSAGE}` })
  area?: string;
}

export class UpdateAlertPreferencesDto implements UpdateAlertPreferencesRequest {
  @IsBoolean({ message: 'weeklyDigest must be true or false' })
  weeklyDigest!: boolean;
}
