import { Controller, Get } from '@nestjs/common';
import type { DataQualityResponse } from '../../contract/data-quality.contract';
import { CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators';
import { DataQualityService } from './data-quality.service';

@Controller('data-quality')
@Roles('admin', 'commissioner', 'network')
export class DataQualityController {
  constructor(private readonly dataQuality: DataQualityService) {}

  @Get()
  report(@CurrentUser() user: AuthUser): Promise<DataQualityResponse> {
    return this.dataQuality.report(user);
  }
}
