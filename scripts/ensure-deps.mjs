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
  console.error('Installing dependencies (node_modules is missing or older than the lockfile)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // npm leaves the marker untouched when nothing changed; touch it so the next start skips this.
  const now = new Date();
  if (existsSync(installed)) utimesSync(installed, now, now);
}
