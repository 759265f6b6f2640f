import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { HealthController } from './health.controller';
import { SnapshotHealthIndicator } from './snapshot.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), SnapshotModule],
  controllers: [HealthController],
  providers: [SnapshotHealthIndicator],
})
export class HealthModule {}
