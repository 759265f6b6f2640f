import { MEASURE_IDS, MEASURES } from '@pcsp/analytics';
import { IsBoolean, IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import { PageLimit, PageOffset } from '../../../common/page-query.decorators';
import { reason } from '../../../common/validation.pipe';
import { ALERT_REASONS, ALERTS_DEFAULT_LIMIT, ALERTS_MAX_LIMIT, type AlertReason, type UpdateAlertPreferencesRequest } from '../../../contract/alerts.contract';
import type { MeasureId } from '../../../contract/measures.contract';
import { OptionalFormat, type Format } from '../../measures/dto/month';
import { NOT_AN_ORGANISATION_CODE, ORG_CODE, ORG_CODE_MESSAGE } from '../../orgs/org-code';

/** Measures that can raise an alert: those with a better direction. */
const ALERTING_MEASURES = MEASURES.filter((m) => m.direction !== 'neither').map((m) => m.id);
const MEASURE_MESSAGE = `measure must be one of the measures with a better direction: ${ALERTING_MEASURES.join(', ')}`;

export class AlertsQueryDto {
  @IsOptional()
  @Matches(ORG_CODE, { message: `area ${ORG_CODE_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  area?: string;

  @PageLimit(ALERTS_MAX_LIMIT)
  limit: number = ALERTS_DEFAULT_LIMIT;

  @PageOffset()
  offset: number = 0;

  // Rules run bottom up and a 400 gives the first that failed: an id no measure has is unknown_measure, a measure
  // without a better direction no_better_direction; the words are the same.
  @IsOptional()
  @ValidateBy(
    { name: 'alertingMeasure', validator: { validate: (value) => (ALERTING_MEASURES as unknown[]).includes(value) } },
    { message: MEASURE_MESSAGE, ...reason('no_better_direction', { withValue: true }) },
  )
  @IsIn(MEASURE_IDS, { message: MEASURE_MESSAGE, ...reason('unknown_measure', { withValue: true }) })
  measure?: MeasureId;

  @IsOptional()
  @IsIn(ALERT_REASONS, { message: `reason must be one of ${ALERT_REASONS.join(', ')}`, ...reason('unknown_alert_reason', { withValue: true }) })
  reason?: AlertReason;

  /** csv: every alert matching the filters, as a download (limit and offset are then not applied). */
  @OptionalFormat()
  format?: Format;
}

export class UpdateAlertPreferencesDto implements UpdateAlertPreferencesRequest {
  @IsBoolean({ message: 'weeklyDigest must be true or false' })
  weeklyDigest!: boolean;
}
