import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgsModule } from '../orgs/orgs.module';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { UsersModule } from '../users/users.module';
import { UsersRepository } from '../users/users.repository';
import { AlertDigestService } from './alert-digest.service';
import { AlertPreferencesRepository } from './alert-preferences.repository';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

@Module({
  imports: [SnapshotModule, OrgsModule, UsersModule, AuditModule],
  controllers: [AlertsController],
  providers: [AlertsService, AlertPreferencesRepository, AlertDigestService, UsersRepository],
  exports: [AlertsService],
})
export class AlertsModule {}
