import { Controller, Get, Param, Query } from '@nestjs/common';
import type { OrganisationDetail, OrganisationList } from '../../contract/organisations.contract';
import { CurrentUser, type AuthUser } from '../../common/auth.decorators';
import { OrgsQueryDto } from './dto/orgs-query.dto';
import { OrgsService } from './orgs.service';

@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: OrgsQueryDto): Promise<OrganisationList> {
    return this.orgs.list(user, query);
  }

  @Get(':code')
  detail(@CurrentUser() user: AuthUser, @Param('code') code: string): Promise<OrganisationDetail> {
    return this.orgs.detail(user, code);
  }
}
