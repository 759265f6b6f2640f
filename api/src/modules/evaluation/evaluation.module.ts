import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

@Module({ imports: [SnapshotModule, OrgsModule], controllers: [EvaluationController], providers: [EvaluationService], exports: [EvaluationService] })
export class EvaluationModule {}
