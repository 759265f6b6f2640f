import multipart from '@fastify/multipart';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { titleOf } from '../../common/problem';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { MULTIPART_ROUTE, UPLOAD_LIMITS } from './upload-limits';

@Module({ controllers: [ImportsController], providers: [ImportsService], exports: [ImportsService] })
export class ImportsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Multipart parsing for the upload route, registered once on the Fastify instance. */
  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('multipart/form-data')) return;
    await fastify.register(multipart, { limits: { fileSize: UPLOAD_LIMITS.fileBytes, files: UPLOAD_LIMITS.files, fields: 10 } });
    // Fastify refuses a body it has no parser for (text/csv, application/zip) before the controller sees it.
    fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.routeOptions.config?.[MULTIPART_ROUTE] !== true) return;
      const sent = request.headers['content-type'];
      if (sent?.toLowerCase().startsWith('multipart/form-data')) return;
      const detail = `Send the files as multipart/form-data: one part per CSV file, or a .zip of them${sent ? ` (the request was ${sent.split(';')[0]})` : ''}.`;
      await reply
        .code(415)
        .type('application/problem+json')
        .header('cache-control', 'no-store')
        .send({ type: 'about:blank', title: titleOf(415), status: 415, detail, instance: request.url.split('?')[0] });
    });
  }
}
