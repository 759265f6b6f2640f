import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import type { TargetItem, TargetList, TargetProgressList } from '../../contract/targets.contract';
import { CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators';
import { badParameter } from '../../common/problem';
import { SetTargetDto } from './dto/set-target.dto';
import { TargetListQueryDto, TargetProgressQueryDto } from './dto/target-progress-query.dto';
import { TargetsService } from './targets.service';

@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: TargetListQueryDto): Promise<TargetList> {
    return this.targets.list(user, query.org);
  }

  @Get('progress')
  progress(@CurrentUser() user: AuthUser, @Query() query: TargetProgressQueryDto): Promise<TargetProgressList> {
    return this.targets.progress(user, query.org, query.measure);
  }

  @Put()
  @Roles('admin')
  set(@CurrentUser() user: AuthUser, @Body() body: SetTargetDto): Promise<TargetItem> {
    return this.targets.set(user, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  remove(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => badParameter('id', 'id must be a target id (a UUID)') })) id: string): Promise<void> {
    return this.targets.remove(id);
  }
}
