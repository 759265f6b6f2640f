import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GroupsModule } from '../groups/groups.module';
import { OrgsModule } from '../orgs/orgs.module';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { MeasuresController } from './measures.controller';
import { MeasuresService } from './measures.service';

@Module({ imports: [SnapshotModule, OrgsModule, GroupsModule, AuditModule], controllers: [MeasuresController], providers: [MeasuresService], exports: [MeasuresService] })
export class MeasuresModule {}
