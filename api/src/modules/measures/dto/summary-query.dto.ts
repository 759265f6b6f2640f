import { IsIn, IsOptional, Matches } from 'class-validator';
import { FORMATS, MONTH, type Format } from './month';

export class SummaryQueryDto {
  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month?: string;

  @IsOptional()
  @IsIn(FORMATS, { message: 'format must be json or csv' })
  format?: Format;
}
