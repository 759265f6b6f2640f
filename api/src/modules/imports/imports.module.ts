import multipart from '@fastify/multipart';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** Largest uploaded file: a national extract's biggest CSV is a few gigabytes. */
const UPLOAD_FILE_LIMIT = 20 * 1024 ** 3;

@Module({ controllers: [ImportsController], providers: [ImportsService], exports: [ImportsService] })
export class ImportsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Multipart parsing for the upload route, registered once on the Fastify instance. */
  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('multipart/form-data')) return;
    await fastify.register(multipart, { limits: { fileSize: UPLOAD_FILE_LIMIT, files: 20, fields: 10 } });
  }
}
