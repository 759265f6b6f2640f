import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SnapshotRefreshService } from './snapshot-refresh.service';
import { SnapshotStateRepository } from './snapshot-state.repository';
import { SnapshotController } from './snapshot.controller';
import { SnapshotService } from './snapshot.service';

@Module({
  imports: [AuditModule],
  controllers: [SnapshotController],
  providers: [SnapshotService, SnapshotStateRepository, SnapshotRefreshService],
  exports: [SnapshotService, SnapshotRefreshService],
})
export class SnapshotModule {}
