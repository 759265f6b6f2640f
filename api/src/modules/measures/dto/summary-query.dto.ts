import { type Format, OptionalFormat, OptionalMonth } from './month';

export class SummaryQueryDto {
  @OptionalMonth('month')
  month?: string;

  @OptionalFormat()
  format?: Format;
}
