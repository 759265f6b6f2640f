import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { DataQualityController } from './data-quality.controller';
import { DataQualityRepository } from './data-quality.repository';
import { DataQualityService } from './data-quality.service';

@Module({ imports: [SnapshotModule, ImportsModule], controllers: [DataQualityController], providers: [DataQualityService, DataQualityRepository], exports: [DataQualityService] })
export class DataQualityModule {}
