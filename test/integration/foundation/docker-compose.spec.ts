import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseEnvironment } from '../../../api/src/config/app-config';

// Docker cannot run here, so the deployment files are checked against the app's configuration.
const root = join(__dirname, '../../..');

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

/** Compose's `${NAME:-default}` interpolation with nothing set, as on a fresh machine. */
const interpolate = (value: string): string => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as ComposeFile;
const { db, app } = compose.services;
const appEnv = Object.fromEntries(Object.entries(app.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 16 on a named volume with a health check the app waits for', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'db']);
    expect(db.image).toBe('postgres:16');
    expect(db.volumes).toEqual(['pcsp-postgres:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes).sort()).toEqual(['pcsp-data', 'pcsp-postgres']);
    expect(db.healthcheck?.test.join(' ')).toContain('pg_isready -U pcsp -d pcsp');
    expect(app.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(app.build).toBe('.');
  });

  it("gives the app a DATABASE_URL that matches the database service's user, password, name and port", () => {
    const url = new URL(appEnv.DATABASE_URL);
    const dbEnv = Object.fromEntries(Object.entries(db.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    expect(url.hostname).toBe('db');
    expect(url.port).toBe('5432');
    expect(url.username).toBe(dbEnv.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(dbEnv.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${dbEnv.POSTGRES_DB}`);
  });

  it("uses only settings the app accepts, publishes the app's port, and keeps DATA_DIR on a volume", () => {
    const env = parseEnvironment(appEnv);
    expect(env).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATA_DIR: '/var/lib/pcsp', NODE_ENV: 'production' });
    expect(app.ports).toEqual([`${env.PORT}:${env.PORT}`]);
    expect(app.volumes).toEqual([`pcsp-data:${env.DATA_DIR}`]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('is multi-stage, runs as a non-root user, and starts the product on the port compose publishes', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "api\/dist\/cli\/main\.js", "start"\]$/m);
    expect(dockerfile).toContain('DATA_DIR=/var/lib/pcsp');
  });
});
