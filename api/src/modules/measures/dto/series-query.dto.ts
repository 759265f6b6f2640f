import { IsOptional, IsString, Matches } from 'class-validator';
import { reason } from '../../../common/validation.pipe';
import { NOT_AN_ORGANISATION_CODE, ORG_OR_GROUP_CODE, ORG_OR_GROUP_MESSAGE } from '../../orgs/org-code';
import { type Format, OptionalFormat, OptionalMonth } from './month';

export class SeriesQueryDto {
  @IsString({ message: `org ${ORG_OR_GROUP_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  @Matches(ORG_OR_GROUP_CODE, { message: `org ${ORG_OR_GROUP_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  org!: string;

  @OptionalMonth('from')
  from?: string;

  @OptionalMonth('to')
  to?: string;

  @IsOptional()
  @Matches(/^[a-z_]{1,20}$/, { message: 'breakdown must be a breakdown dimension such as age_band', ...reason('unknown_breakdown', { withValue: true }) })
  breakdown?: string;

  @OptionalFormat()
  format?: Format;
}
