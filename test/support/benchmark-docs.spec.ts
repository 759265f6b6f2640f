import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEPT_NOTES_MARKER, writeBenchmarkSection } from './benchmark-docs';

describe('writeBenchmarkSection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces only its own section, appends a new one, and keeps the others byte for byte', () => {
    const file = join(dir, 'benchmarks.md');
    writeFileSync(file, '# Benchmarks\n\n## Ingest (x)\n\nold ingest\n\n## API (y)\n\nold api\n');
    writeBenchmarkSection(file, '## Ingest (x)', 'new ingest\n');
    expect(readFileSync(file, 'utf8')).toBe('# Benchmarks\n\n## Ingest (x)\n\nnew ingest\n\n## API (y)\n\nold api\n');
    writeBenchmarkSection(file, '## API (y)', 'new api');
    expect(readFileSync(file, 'utf8')).toBe('# Benchmarks\n\n## Ingest (x)\n\nnew ingest\n\n## API (y)\n\nnew api\n');
    writeBenchmarkSection(file, '## Analytics (z)', 'engine');
    expect(readFileSync(file, 'utf8')).toBe('# Benchmarks\n\n## Ingest (x)\n\nnew ingest\n\n## API (y)\n\nnew api\n\n## Analytics (z)\n\nengine\n');
  });

  it('keeps what follows its section\'s notes marker, and not another section\'s marker', () => {
    const file = join(dir, 'kept.md');
    writeFileSync(
      file,
      `# Benchmarks\n\n## Analytics (z)\n\nold table\n\n${KEPT_NOTES_MARKER}\n\nhistory\n\n## API (y)\n\nold api\n\n${KEPT_NOTES_MARKER}\n\napi notes\n`,
    );
    writeBenchmarkSection(file, '## Analytics (z)', 'new table');
    expect(readFileSync(file, 'utf8')).toBe(
      `# Benchmarks\n\n## Analytics (z)\n\nnew table\n\n${KEPT_NOTES_MARKER}\n\nhistory\n\n## API (y)\n\nold api\n\n${KEPT_NOTES_MARKER}\n\napi notes\n`,
    );
    writeFileSync(file, `# Benchmarks\n\n## Ingest (x)\n\nold ingest\n\n## API (y)\n\nold api\n\n${KEPT_NOTES_MARKER}\n\napi notes\n`);
    writeBenchmarkSection(file, '## Ingest (x)', 'new ingest');
    expect(readFileSync(file, 'utf8')).toBe(
      `# Benchmarks\n\n## Ingest (x)\n\nnew ingest\n\n## API (y)\n\nold api\n\n${KEPT_NOTES_MARKER}\n\napi notes\n`,
    );
  });

  it('does not take a longer heading that begins with the same words for its own', () => {
    const file = join(dir, 'prefix.md');
    writeFileSync(file, '# Benchmarks\n\n## API (y) extra\n\nkept\n');
    writeBenchmarkSection(file, '## API (y)', 'mine');
    expect(readFileSync(file, 'utf8')).toBe('# Benchmarks\n\n## API (y) extra\n\nkept\n\n## API (y)\n\nmine\n');
  });

  it('creates the file with a title when there is none', () => {
    const file = join(dir, 'sub', 'new.md');
    writeBenchmarkSection(file, '## Dashboard (w)', 'first');
    expect(readFileSync(file, 'utf8')).toBe('# Benchmarks\n\n## Dashboard (w)\n\nfirst\n');
  });
});
