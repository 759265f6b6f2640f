import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { SnapshotStatusResponse } from '../../contract/data-quality.contract';
import { ClientIp, CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators';
import { ProblemException } from '../../common/problem';
import { AuditService } from '../audit/audit.service';
import { RefreshRunningError, SnapshotRefreshService } from './snapshot-refresh.service';

@Controller('snapshot')
export class SnapshotController {
  constructor(
    private readonly refreshes: SnapshotRefreshService,
    private readonly audit: AuditService,
  ) {}

  /** How fresh the snapshot is, to every role: a practice lead too may know how fresh their figures are. */
  @Get()
  @Roles('admin', 'commissioner', 'network', 'practice')
  status(@CurrentUser() user: AuthUser): Promise<SnapshotStatusResponse> {
    return this.refreshes.status(user);
  }

  /** Rebuilds the snapshot from the records in the background (202); 409 while a refresh runs. */
  @Post('refresh')
  @HttpCode(202)
  @Roles('admin')
  async refresh(@CurrentUser() admin: AuthUser, @ClientIp() ip: string): Promise<SnapshotStatusResponse> {
    try {
      return await this.audit.after('refresh', admin, ip, this.refreshes.start(admin), () => 'snapshot refresh');
    } catch (error) {
      if (error instanceof RefreshRunningError) throw new ProblemException(409, error.message);
      throw error;
    }
  }
}
