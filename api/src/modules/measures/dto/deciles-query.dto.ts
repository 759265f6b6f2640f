import { IsIn, IsOptional, Matches } from 'class-validator';
import { reason } from '../../../common/validation.pipe';
import { NOT_AN_ORGANISATION_CODE, ORG_OR_GROUP_CODE, ORG_OR_GROUP_MESSAGE } from '../../orgs/org-code';
import { type Format, OptionalFormat, OptionalMonth } from './month';

export class DecilesQueryDto {
  @OptionalMonth('from')
  from?: string;

  @OptionalMonth('to')
  to?: string;

  @IsOptional()
  @IsIn(['practice'], { message: 'level must be practice (deciles are across practices)', ...reason('level_not_allowed', { withValue: true, details: { levels: ['practice'] } }) })
  level: 'practice' = 'practice';

  /** An area or group inside the user's area to spread the deciles over; left out (or ENG), every practice in England. */
  @IsOptional()
  @Matches(ORG_OR_GROUP_CODE, { message: `within ${ORG_OR_GROUP_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  within?: string;

  @IsOptional()
  @Matches(ORG_OR_GROUP_CODE, { message: `org ${ORG_OR_GROUP_MESSAGE}`, ...NOT_AN_ORGANISATION_CODE })
  org?: string;

  @OptionalFormat()
  format?: Format;
}
