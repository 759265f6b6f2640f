import { Module } from '@nestjs/common';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { OrgsController } from './orgs.controller';
import { OrgsService } from './orgs.service';

@Module({ imports: [SnapshotModule], controllers: [OrgsController], providers: [OrgsService], exports: [OrgsService] })
export class OrgsModule {}
