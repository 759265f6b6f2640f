import 'reflect-metadata';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppModule, type AppModuleOptions } from './app.module';
import { DashboardFallbackFilter } from './dashboard-fallback.filter';
import { setupOpenApi } from './openapi';

/** Where the built dashboard lives (web/dist), if it has been built. */
export function dashboardDir(): string | undefined {
  try {
    const dir = join(dirname(require.resolve('@pcsp/web/package.json')), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the Nest application (API under /api, the dashboard at /) without listening. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, trustProxy: false });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  await setupOpenApi(app);

  const dashboard = dashboardDir();
  // wildcard: files are looked up on disk per request, not listed once at start, so that the hashed assets of a
  // dashboard rebuilt while the server runs are served (the new index.html names them at once); a path that is
  // no file falls through to the not-found handler (API 404 problem, or the shell for client routes).
  if (dashboard) await app.register(fastifyStatic, { root: dashboard, prefix: '/', wildcard: true, index: ['index.html'] });
  app.useGlobalFilters(new DashboardFallbackFilter(dashboard !== undefined));
  return app;
}
