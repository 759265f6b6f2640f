import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { RouteOptions } from 'fastify';
import { loadConfig } from '../../../api/src/config/app-config';
import { createApp } from '../../../api/src/main';
import { openTempDir, removeTempDirs } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('API OpenAPI document at /api/docs', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  let app: NestFastifyApplication;
  /** Every route the app registers with Fastify, as METHOD /path (recorded while Nest initialises). */
  const routes: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_openapi');
    const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent' }, openTempDir('pcsp-openapi-'));
    app = await createApp({ config, databaseUrl: database.url });
    app.getHttpAdapter().getInstance().addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('serves the JSON document without signing in, listing every route of the app (Fastify :param as {param})', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs-json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const document = response.json<OpenAPIObject>();
    expect(document.openapi).toBe('3.0.0');
    expect(document.info.title).toBe('PCSP Insights API');

    const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)));
    // Fastify adds HEAD beside every GET; the docs' own routes are not part of the API.
    const appRoutes = routes.filter((r) => r.startsWith('GET /api') || r.startsWith('POST /api') || r.startsWith('PUT /api') || r.startsWith('PATCH /api') || r.startsWith('DELETE /api'));
    const apiRoutes = appRoutes.map((r) => r.replace(/:([A-Za-z]+)/g, '{$1}'));
    // The app has at least the routes the issue names, so an empty recording cannot pass.
    for (const named of ['GET /api/measures', 'GET /api/measures/{id}/series', 'GET /api/orgs/{code}/summary', 'GET /api/data-quality', 'POST /api/snapshot/refresh', 'DELETE /api/groups/{id}']) {
      expect(apiRoutes).toContain(named);
    }
    expect(apiRoutes.filter((r) => !documented.has(r))).toEqual([]);
    // …and the document invents nothing.
    expect([...documented].filter((r) => !apiRoutes.includes(r))).toEqual([]);
    expect(document.paths['/api/data-quality'].get?.tags).toEqual(['DataQuality']);
  });

  it('serves Swagger UI without signing in', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>PCSP Insights API</title>');
    expect(page.body).toContain('swagger-ui-init.js');
    const init = await app.inject({ method: 'GET', url: '/api/docs/swagger-ui-init.js' });
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain('url: "/api/docs-json"');
    const bundle = await app.inject({ method: 'GET', url: '/api/docs/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/javascript; charset=utf-8');
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
