import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators';
import { ProblemException, badParameter, notFound } from '../../common/problem';
import { ImportIssuesQueryDto, ImportListQueryDto } from './dto/import-query.dto';
import type { ImportJobRecord } from './extract-import';
import { ImportsService, UploadRejectedError, type ImportJobDetail } from './imports.service';
import { MULTIPART_ROUTE } from './upload-limits';

/** Imports of flat extracts: administrators only. */
@Controller('imports')
@Roles('admin')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** A multipart upload of the extract's CSV files (or a .zip); the import runs in the background. */
  @Post()
  @HttpCode(202)
  @RouteConfig({ [MULTIPART_ROUTE]: true })
  async upload(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<ImportJobRecord> {
    if (!request.isMultipart()) throw new ProblemException(415, 'Send the files as multipart/form-data.');
    try {
      return await this.imports.upload(request.files(), user.email);
    } catch (error) {
      if (error instanceof UploadRejectedError) throw new ProblemException(error.status, error.message);
      throw error;
    }
  }

  @Get()
  latest(@Query() query: ImportListQueryDto): Promise<ImportJobRecord[]> {
    return this.imports.latest(query.limit);
  }

  /** Status, progress, row counts per file and one page of errors and warnings. */
  @Get(':id')
  async find(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => badParameter('id', 'id must be an import job id (a UUID)') })) id: string,
    @Query() query: ImportIssuesQueryDto,
  ): Promise<ImportJobDetail> {
    const job = await this.imports.find(id, { offset: query.offset, limit: query.limit, severity: query.severity });
    if (!job) throw notFound(`There is no import job ${id}.`);
    return job;
  }
}
