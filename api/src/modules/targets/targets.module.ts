import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgsModule } from '../orgs/orgs.module';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { TargetsController } from './targets.controller';
import { TargetsRepository } from './targets.repository';
import { TargetsService } from './targets.service';

@Module({ imports: [SnapshotModule, OrgsModule, AuditModule], controllers: [TargetsController], providers: [TargetsService, TargetsRepository], exports: [TargetsService] })
export class TargetsModule {}
