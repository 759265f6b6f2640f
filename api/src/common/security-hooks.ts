import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { titleOf } from './problem';

/**
 * Registers on the Fastify instance, before it is ready: helmet headers, cookie parsing, and
 * ETag revalidation for GET /api answers. Answers depend on who asks, so they are `private` and
 * vary by cookie and authorisation: a shared cache never serves one user's figures to another.
 */
@Injectable()
export class SecurityHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const production = this.config.nodeEnv === 'production';
    await fastify.register(fastifyHelmet, {
      hsts: production,
      contentSecurityPolicy: { useDefaults: true, directives: { 'upgrade-insecure-requests': production ? [] : null } },
    });
    await fastify.register(fastifyCookie);
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => etag(request, reply, asProblem(request, reply, payload)));
  }
}

/**
 * Errors Fastify answers itself, before Nest sees the request (body too large, malformed JSON,
 * unsupported media type), become problems like every other error.
 */
function asProblem(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  const type = String(reply.getHeader('content-type') ?? '');
  if (reply.statusCode < 400 || !type.startsWith('application/json') || typeof payload !== 'string') return payload;
  let body: { statusCode?: unknown; error?: unknown; message?: unknown };
  try {
    body = JSON.parse(payload) as typeof body;
  } catch {
    return payload;
  }
  if (typeof body.statusCode !== 'number' || typeof body.error !== 'string') return payload;
  const detail = reply.statusCode === 413 ? 'The request body is too large.' : String(body.message ?? body.error);
  void reply.header('content-type', 'application/problem+json; charset=utf-8');
  return JSON.stringify({ type: 'about:blank', title: titleOf(reply.statusCode), status: reply.statusCode, detail, instance: request.url.split('?')[0] });
}

function etag(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (!request.url.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) return payload;
  if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('cache-control') === 'no-store') return payload;
  const tag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
  void reply.header('etag', tag).header('cache-control', 'private, no-cache').header('vary', 'Cookie, Authorization');
  const asked = request.headers['if-none-match'];
  if (asked !== undefined && asked.split(',').some((t) => t.trim() === tag)) {
    void reply.code(304).removeHeader('content-length').removeHeader('content-type');
    return '';
  }
  return payload;
}
