import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { OrganisationDetail, OrganisationList } from '../../contract/organisations.contract';
import { CurrentUser, type AuthUser } from '../../common/auth.decorators';
import { ResponseCacheInterceptor } from '../measures/response-cache.interceptor';
import { OrgsQueryDto } from './dto/orgs-query.dto';
import { OrgsService } from './orgs.service';

@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  // Lists and searches depend only on the snapshot, the user's scope and the URL, as the figures do.
  @Get()
  @UseInterceptors(ResponseCacheInterceptor)
  list(@CurrentUser() user: AuthUser, @Query() query: OrgsQueryDto): Promise<OrganisationList> {
    return this.orgs.list(user, query);
  }

  @Get(':code')
  @UseInterceptors(ResponseCacheInterceptor)
  detail(@CurrentUser() user: AuthUser, @Param('code') code: string): Promise<OrganisationDetail> {
    return this.orgs.detail(user, code);
  }
}
