#!/usr/bin/env node
// `npm start`'s prestart: needs nothing but Node. Installs dependencies when node_modules is
// missing or older than the lockfile or any workspace manifest, so a fresh clone just works.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`PCSP Insights needs Node.js 20.19 or later (this is ${process.versions.node}).`);
  process.exit(1);
}

const installed = join(root, 'node_modules', '.package-lock.json');
const manifests = ['package.json', 'package-lock.json', 'analytics/package.json', 'api/package.json', 'web/package.json', 'test/package.json']
  .map((file) => join(root, file))
  .filter(existsSync);
const mtime = (file) => statSync(file).mtimeMs;
const stale = !existsSync(installed) || manifests.some((file) => mtime(file) > mtime(installed));

if (stale) {
  // A fresh clone installs exactly the lockfile (`npm ci`, as the Dockerfile does), which fails when the lockfile no
  // longer matches the manifests: CI, run from a fresh clone, then says so rather than shipping a lockfile that only
  // `npm install` can use. An existing install whose manifests changed is brought up to date with `npm install`.
  const fresh = !existsSync(join(root, 'node_modules'));
  console.error(
    fresh
      ? 'Installing dependencies from the lockfile (npm ci)…'
      : 'Updating dependencies (node_modules is older than the lockfile or a manifest)…',
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, [fresh ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // npm leaves the marker untouched when nothing changed; touch it so the next start skips this.
  const now = new Date();
  if (existsSync(installed)) utimesSync(installed, now, now);
}
