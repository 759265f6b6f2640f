import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Replaces one benchmark's section of `docs/benchmarks.md` (from its `## ` heading to the next), or appends it,
 * so that each benchmark script rewrites its own figures and leaves the others' as they were.
 */
export function writeBenchmarkSection(file: string, heading: string, markdown: string): void {
  if (!heading.startsWith('## ')) throw new Error(`a benchmark section heading starts with "## ", got "${heading}"`);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `${heading}\n\n${markdown.trim()}\n`;
  const inside = current.indexOf(`\n${heading}\n`);
  const start = current.startsWith(`${heading}\n`) ? 0 : inside === -1 ? -1 : inside + 1;
  let text: string;
  if (start === -1) text = `${current.trimEnd()}\n\n${section}`;
  else {
    const next = current.indexOf('\n## ', start + heading.length);
    text = `${current.slice(0, start)}${section}${next === -1 ? '' : `\n${current.slice(next + 1)}`}`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
