import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SnapshotMonthsController } from './snapshot-months.controller';
import { SnapshotMonthsService } from './snapshot-months.service';
import { SnapshotRefreshService } from './snapshot-refresh.service';
import { SnapshotStateRepository } from './snapshot-state.repository';
import { SnapshotController } from './snapshot.controller';
import { SnapshotService } from './snapshot.service';

@Module({
  imports: [AuditModule],
  controllers: [SnapshotController, SnapshotMonthsController],
  providers: [SnapshotService, SnapshotStateRepository, SnapshotRefreshService, SnapshotMonthsService],
  exports: [SnapshotService, SnapshotRefreshService],
})
export class SnapshotModule {}
