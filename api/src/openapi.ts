import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { dirname } from 'node:path';

export const OPENAPI_UI_PATH = '/api/docs';
export const OPENAPI_JSON_PATH = '/api/docs-json';

/** The OpenAPI document of every route of the app, generated from the controllers (tagged by controller). */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('PCSP Insights API')
    .setDescription(
      'Personalised care and support planning figures for the NHS, scoped to the signed-in user. ' +
        'Sign in with POST /api/auth/login (session cookie) or send a bearer token. Errors are application/problem+json; ' +
        'figure endpoints answer CSV with ?format=csv.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth('pcsp_session')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('cookie')
    .build();
  return SwaggerModule.createDocument(app, config);
}

const UI_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>PCSP Insights API</title><link rel="stylesheet" href="${OPENAPI_UI_PATH}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="${OPENAPI_UI_PATH}/swagger-ui-bundle.js"></script>
<script src="${OPENAPI_UI_PATH}/swagger-ui-init.js"></script>
</body>
</html>
`;
// A file, not an inline script, so that helmet's Content-Security-Policy (script-src 'self') lets it run.
const UI_INIT_JS = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(OPENAPI_JSON_PATH)}, dom_id: '#swagger-ui', withCredentials: true });\n`;

/**
 * The document at /api/docs-json and Swagger UI at /api/docs, as plain Fastify routes outside the
 * auth guard. The UI's assets are served here rather than by SwaggerModule, whose Fastify static
 * serving needs @fastify/static where @nestjs/platform-fastify can load it (it is installed in api/ only).
 */
export async function setupOpenApi(app: NestFastifyApplication): Promise<void> {
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => (document ??= openApiDocument(app)), { jsonDocumentUrl: OPENAPI_JSON_PATH, ui: false, raw: ['json'] });
  const assets = dirname(require.resolve('swagger-ui-dist/package.json', { paths: [dirname(require.resolve('@nestjs/swagger'))] }));
  await app.register(fastifyStatic, { root: assets, prefix: `${OPENAPI_UI_PATH}/`, decorateReply: false, index: false, allowedPath: (path) => /^\/swagger-ui(-bundle\.js|\.css)$/.test(path) });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get(OPENAPI_UI_PATH, (_request, reply) => reply.type('text/html; charset=utf-8').send(UI_HTML));
  fastify.get(`${OPENAPI_UI_PATH}/swagger-ui-init.js`, (_request, reply) => reply.type('text/javascript; charset=utf-8').send(UI_INIT_JS));
}
