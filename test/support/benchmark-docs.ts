import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The line in a section after which its notes, written by hand, are kept when the benchmark rewrites its figures: the
 * history of earlier runs and what was tried lives there, and a run as the README gives it must not wipe it.
 */
export const KEPT_NOTES_MARKER = '<!-- Notes below are kept when the benchmark rewrites the figures above. -->';

/**
 * Replaces one benchmark's section of `docs/benchmarks.md` (from its `## ` heading to the next, or to its
 * KEPT_NOTES_MARKER line where it has one, which stays with what follows it), or appends it, so that each benchmark
 * script rewrites its own figures and leaves the others' as they were.
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
    const end = next === -1 ? current.length : next + 1;
    const marker = current.slice(start, end).indexOf(`\n${KEPT_NOTES_MARKER}\n`);
    const kept = marker === -1 ? current.slice(end) : current.slice(start + marker + 1);
    text = `${current.slice(0, start)}${section}${kept === '' ? '' : `\n${kept}`}`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
