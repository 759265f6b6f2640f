import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { HealthModule } from './modules/health/health.module';
import { SnapshotModule } from './modules/snapshot/snapshot.module';
import { ImportsModule } from './modules/imports/imports.module';
import { CommonModule } from './common/common.module';
import { AuthModule } from './modules/auth/auth.module';
import { UsersModule } from './modules/users/users.module';
import { AuditModule } from './modules/audit/audit.module';
import { OrgsModule } from './modules/orgs/orgs.module';
import { GroupsModule } from './modules/groups/groups.module';
import { MeasuresModule } from './modules/measures/measures.module';
import { DataQualityModule } from './modules/data-quality/data-quality.module';
import { EvaluationModule } from './modules/evaluation/evaluation.module';
import { TargetsModule } from './modules/targets/targets.module';
import { AlertsModule } from './modules/alerts/alerts.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // path-to-regexp 8 syntax; nestjs-pino's default '*' makes Nest warn and convert at start.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/api/ready' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        SnapshotModule,
        HealthModule,
        CommonModule,
        AuthModule,
        UsersModule,
        AuditModule,
        OrgsModule,
        GroupsModule,
        MeasuresModule,
        ImportsModule,
        DataQualityModule,
        EvaluationModule,
        TargetsModule,
        AlertsModule,
      ],
    };
  }
}
