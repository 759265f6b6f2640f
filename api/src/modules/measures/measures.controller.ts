import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import type { CompareResponse } from '../../contract/compare.contract';
import type { DecilesResponse } from '../../contract/deciles.contract';
import type { MeasureList } from '../../contract/measures.contract';
import type { SeriesResponse } from '../../contract/series.contract';
import type { SummaryResponse } from '../../contract/summary.contract';
import { CurrentUser, type AuthUser } from '../../common/auth.decorators';
import { CsvExport, CsvExportInterceptor } from '../../common/csv-export.interceptor';
import { compareCsv, decilesCsv, seriesCsv, summaryCsv } from './measures.csv';
import { CompareQueryDto } from './dto/compare-query.dto';
import { DecilesQueryDto } from './dto/deciles-query.dto';
import { SeriesQueryDto } from './dto/series-query.dto';
import { SummaryQueryDto } from './dto/summary-query.dto';
import { MeasuresService } from './measures.service';
import { ResponseCacheInterceptor } from './response-cache.interceptor';

@Controller()
@UseInterceptors(CsvExportInterceptor)
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get('measures')
  registry(): MeasureList {
    return this.measures.registry();
  }

  @Get('measures/:id/series')
  @UseInterceptors(ResponseCacheInterceptor)
  @CsvExport(seriesCsv)
  series(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() query: SeriesQueryDto): Promise<SeriesResponse> {
    return this.measures.series(user, id, query);
  }

  @Get('measures/:id/compare')
  @UseInterceptors(ResponseCacheInterceptor)
  @CsvExport(compareCsv)
  compare(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() query: CompareQueryDto): Promise<CompareResponse> {
    return this.measures.compare(user, id, query);
  }

  @Get('measures/:id/deciles')
  @UseInterceptors(ResponseCacheInterceptor)
  @CsvExport(decilesCsv)
  deciles(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() query: DecilesQueryDto): Promise<DecilesResponse> {
    return this.measures.deciles(user, id, query);
  }

  @Get('orgs/:code/summary')
  @UseInterceptors(ResponseCacheInterceptor)
  @CsvExport(summaryCsv)
  summary(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query() query: SummaryQueryDto): Promise<SummaryResponse> {
    return this.measures.summary(user, code, query);
  }
}
