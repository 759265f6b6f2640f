import { Body, Controller, Get, Put, Query, UseInterceptors } from '@nestjs/common';
import type { AlertList, AlertPreferences } from '../../contract/alerts.contract';
import { CurrentUser, type AuthUser } from '../../common/auth.decorators';
import { CsvExport, CsvExportInterceptor } from '../../common/csv-export.interceptor';
import { alertsCsv } from './alerts.csv';
import { AlertDigestService } from './alert-digest.service';
import { AlertPreferencesRepository } from './alert-preferences.repository';
import { AlertsService } from './alerts.service';
import { AlertsQueryDto, UpdateAlertPreferencesDto } from './dto/alerts-query.dto';

@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly preferences: AlertPreferencesRepository,
    private readonly digest: AlertDigestService,
  ) {}

  @Get()
  @UseInterceptors(CsvExportInterceptor)
  @CsvExport(alertsCsv)
  list(@CurrentUser() user: AuthUser, @Query() query: AlertsQueryDto): Promise<AlertList> {
    // A download holds every alert the filters keep: a commissioner's list to work through, not one page of it.
    const page = query.format === 'csv' ? { limit: Number.MAX_SAFE_INTEGER, offset: 0 } : { limit: query.limit, offset: query.offset };
    return this.alerts.list(user, query.area, page, { measure: query.measure, reason: query.reason });
  }

  @Get('preferences')
  async getPreferences(@CurrentUser() user: AuthUser): Promise<AlertPreferences> {
    return { weeklyDigest: await this.preferences.weeklyDigest(user.id), digestAvailable: this.digest.available };
  }

  @Put('preferences')
  async setPreferences(@CurrentUser() user: AuthUser, @Body() body: UpdateAlertPreferencesDto): Promise<AlertPreferences> {
    await this.preferences.setWeeklyDigest(user.id, body.weeklyDigest);
    return { weeklyDigest: body.weeklyDigest, digestAvailable: this.digest.available };
  }
}
