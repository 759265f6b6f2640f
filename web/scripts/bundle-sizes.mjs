// Reports the gzipped size of every asset in web/dist, and what the first page (the entry plus the
// Overview page's chunks, from Vite's manifest) costs. Exits 1 when that is over the budget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET_KB = 350;
const FIRST_PAGE = 'src/features/overview/components/overview-page.tsx';

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const files = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`);
const rows = files.map((file) => ({ file, raw: statSync(join(dist, file)).size, gzip: gz(file) })).sort((a, b) => b.gzip - a.gzip);
console.log('Asset'.padEnd(48), 'Raw'.padStart(10), 'Gzipped'.padStart(10));
for (const r of rows) console.log(r.file.padEnd(48), kb(r.raw).padStart(10), kb(r.gzip).padStart(10));

const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const needed = new Set(['index.html']);
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk) return;
  needed.add(chunk.file);
  for (const css of chunk.css ?? []) needed.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
visit(entry);
visit(FIRST_PAGE);
const firstPage = [...needed].reduce((sum, file) => sum + gz(file), 0);
console.log(`\nFirst page (entry + Overview, ${needed.size} files): ${kb(firstPage)} gzipped (budget ${BUDGET_KB} KB)`);
if (firstPage > BUDGET_KB * 1024) process.exit(1);
