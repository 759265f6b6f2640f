import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, Roles, type AuthUser } from '../../common/auth.decorators';
import { ProblemException, notFound } from '../../common/problem';
import type { ImportJobRecord } from './extract-import';
import { ImportsService, UploadRejectedError, type ImportJobDetail } from './imports.service';

const whole = (text: string | undefined, fallback: number, low: number, high: number, name: string): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < low || value > high) throw new ProblemException(400, `${name} must be a whole number from ${low} to ${high}.`);
  return value;
};

/** Imports of flat extracts: administrators only. */
@Controller('imports')
@Roles('admin')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** A multipart upload of the extract's CSV files (or a .zip); the import runs in the background. */
  @Post()
  @HttpCode(202)
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
  latest(@Query('limit') limit?: string): Promise<ImportJobRecord[]> {
    return this.imports.latest(whole(limit, 20, 1, 100, 'limit'));
  }

  /** Status, progress, row counts per file and one page of errors and warnings. */
  @Get(':id')
  async find(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
    @Query('severity') severity?: string,
  ): Promise<ImportJobDetail> {
    if (severity !== undefined && severity !== 'error' && severity !== 'warning') throw new ProblemException(400, 'severity must be error or warning.');
    const job = await this.imports.find(id, { offset: whole(offset, 0, 0, 1_000_000, 'offset'), limit: whole(limit, 100, 1, 1000, 'limit'), severity });
    if (!job) throw notFound(`There is no import job ${id}.`);
    return job;
  }
}
