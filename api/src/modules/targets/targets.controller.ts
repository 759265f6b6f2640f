import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import type { ApplyingTargetList, TargetItem, TargetList, TargetProgressList } from '../../contract/targets.contract';
import { ClientIp, CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators';
import { badParameter } from '../../common/problem';
import { AuditService } from '../audit/audit.service';
import { SetTargetDto } from './dto/set-target.dto';
import { TargetListQueryDto, TargetProgressQueryDto } from './dto/target-progress-query.dto';
import { TargetsService } from './targets.service';

/** What the audit log says of a target: the measure, the area and the rate by the month (e.g. "plan_coverage QHM 95 by 2027-03"). */
const describeTarget = (t: TargetItem) => `${t.measure} ${t.org.code} ${t.targetRate} by ${t.targetMonth}`;

@Controller('targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: TargetListQueryDto): Promise<TargetList> {
    return this.targets.list(user, query.org);
  }

  @Get('applying')
  applying(@CurrentUser() user: AuthUser, @Query() query: TargetProgressQueryDto): Promise<ApplyingTargetList> {
    return this.targets.applying(user, query.org, query.measure);
  }

  @Get('progress')
  progress(@CurrentUser() user: AuthUser, @Query() query: TargetProgressQueryDto): Promise<TargetProgressList> {
    return this.targets.progress(user, query.org, query.measure);
  }

  @Put()
  @Roles('admin')
  set(@CurrentUser() user: AuthUser, @Body() body: SetTargetDto, @ClientIp() ip: string): Promise<TargetItem> {
    return this.audit.change('target_set', user, ip, (transaction) => this.targets.set(user, body, transaction), describeTarget);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async remove(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => badParameter('id', 'id must be a target id (a UUID)') })) id: string,
    @CurrentUser() user: AuthUser,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.audit.change('target_deleted', user, ip, (transaction) => this.targets.remove(id, transaction), describeTarget);
  }
}
