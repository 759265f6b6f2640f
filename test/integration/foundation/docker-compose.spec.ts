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

const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

describe('Dockerfile', () => {

  it('is multi-stage, runs as a non-root user, and starts the product on the port compose publishes', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "api\/dist\/cli\/main\.js", "start"\]$/m);
    expect(dockerfile).toContain('DATA_DIR=/var/lib/pcsp');
  });
});

/** The Dockerfile's stages: each stage's instructions, in order. */
function dockerStages(text: string): string[][] {
  const stages: string[][] = [];
  for (const line of text.split('\n')) {
    if (/^FROM /.test(line)) stages.push([]);
    else if (stages.length > 0 && /^[A-Z]+ /.test(line)) stages[stages.length - 1].push(line);
  }
  return stages;
}

/** Sources of a stage's `COPY` instructions (the last word of each is its destination). */
const copiedSources = (stage: string[], fromBuild: boolean): string[] =>
  stage
    .filter((line) => line.startsWith('COPY ') && line.includes('--from=build') === fromBuild)
    .flatMap((line) => line.split(/\s+/).slice(1, -1).filter((word) => !word.startsWith('--')));

interface LockPackage {
  dev?: boolean;
  optionalDependencies?: Record<string, string>;
}

describe('the Dockerfile and the lockfile, as an image build would use them', () => {
  const [buildStage, runtimeStage] = dockerStages(dockerfile);
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };

  it("copies into the build stage every file the root build script runs (the web build's script was missing once)", () => {
    const build = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build;
    const needed = [...build.matchAll(/node (\S+)/g)].map((m) => m[1]);
    for (const dir of /tsc -b ([\w ]+?)(?: &&|$)/.exec(build)?.[1].split(' ') ?? []) needed.push(`${dir}/tsconfig.json`);
    expect(needed).toEqual(expect.arrayContaining(['scripts/build-web.mjs', 'api/tsconfig.json', 'analytics/tsconfig.json']));
    const sources = copiedSources(buildStage, false).map((s) => s.replace(/\/$/, ''));
    const missing = needed.filter((file) => !sources.some((s) => file === s || file.startsWith(`${s}/`)));
    expect(missing).toEqual([]);
  });

  it("copies into the runtime stage each server workspace's own node_modules that holds production packages", () => {
    // npm installs a workspace's own version of a package under <workspace>/node_modules (e.g. the api's Fastify plugins).
    const workspaces = new Set(
      Object.entries(lock.packages)
        .filter(([path, pkg]) => /^(api|analytics)\/node_modules\//.test(path) && !pkg.dev)
        .map(([path]) => path.split('/')[0]),
    );
    const sources = copiedSources(runtimeStage, true);
    for (const workspace of workspaces) expect(sources).toContain(`/app/${workspace}/node_modules`);
  });

  it("lists every platform's optional binaries, so that npm ci (the Dockerfile's install) works on any machine", () => {
    // An optional dependency resolves as Node does: under the dependent's own node_modules, then each parent's.
    const missing: string[] = [];
    for (const [path, pkg] of Object.entries(lock.packages)) {
      for (const dependency of Object.keys(pkg.optionalDependencies ?? {})) {
        let base = path;
        let found = false;
        for (;;) {
          if (`${base ? `${base}/` : ''}node_modules/${dependency}` in lock.packages) {
            found = true;
            break;
          }
          if (!base) break;
          const parent = base.lastIndexOf('/node_modules/');
          base = parent >= 0 ? base.slice(0, parent) : '';
        }
        if (!found) missing.push(`${path} → ${dependency}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
