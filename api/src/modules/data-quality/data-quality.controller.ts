import { Controller, Get } from '@nestjs/common';
import type { DataQualityResponse } from '../../contract/data-quality.contract';
import { Roles } from '../../common/auth.decorators';
import { DataQualityService } from './data-quality.service';

@Controller('data-quality')
@Roles('admin', 'commissioner', 'network')
export class DataQualityController {
  constructor(private readonly dataQuality: DataQualityService) {}

  @Get()
  report(): Promise<DataQualityResponse> {
    return this.dataQuality.report();
  }
}
