import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** One file of an extract, from a folder, a path or a zip. */
export interface ExtractEntry {
  /** The file name that says what it holds, e.g. patients.csv. */
  name: string;
  /** Where it came from, for messages: a path, or zip path!entry. */
  origin: string;
  /** Its path inside its zip, e.g. sub/Readme.txt (messages name a file not of the extract so). */
  path?: string;
  /** Found in a folder given, not named itself. */
  inFolder?: boolean;
  size: number;
  open(): Promise<Readable>;
}

export interface ExtractSources {
  entries: ExtractEntry[];
  close(): Promise<void>;
}

/** Thrown when the paths themselves cannot be read (missing, a broken zip): the import fails as a whole. */
export class ExtractSourceError extends Error {
  override name = 'ExtractSourceError';
}

const READ_CHUNK = 256 * 1024;
const ignored = (name: string): boolean => name.startsWith('.') || name === '__MACOSX';

const fileEntry = (path: string, size: number, origin: string, inFolder: boolean): ExtractEntry => ({
  name: basename(path),
  origin,
  inFolder,
  size,
  open: async () => createReadStream(path, { highWaterMark: READ_CHUNK }),
});

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((done, fail) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) => {
      if (error || !zip) fail(new ExtractSourceError(`${basename(path)} is not a readable zip file (${error?.message ?? 'no entries'})`));
      else done(zip);
    });
  });
}

async function zipEntries(path: string, zip: yauzl.ZipFile): Promise<ExtractEntry[]> {
  const entries: ExtractEntry[] = [];
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const parts = entry.fileName.split('/');
      const name = parts.at(-1) ?? '';
      if (!entry.fileName.endsWith('/') && !parts.some(ignored) && name !== '') {
        entries.push({
          name,
          origin: `${basename(path)}!${entry.fileName}`,
          path: entry.fileName,
          size: entry.uncompressedSize,
          open: () =>
            new Promise((opened, broken) => {
              zip.openReadStream(entry, (error, stream) => {
                if (error || !stream) broken(new ExtractSourceError(`${basename(path)}: cannot read ${entry.fileName} (${error?.message ?? 'no data'})`));
                else opened(stream);
              });
            }),
        });
      }
      zip.readEntry();
    });
    zip.once('end', () => done());
    zip.once('error', (error: Error) => fail(new ExtractSourceError(`${basename(path)} is not a readable zip file (${error.message})`)));
    zip.readEntry();
  });
  return entries;
}

/**
 * The files named by the paths: a folder gives its files (not sub-folders), a .zip its entries. Given
 * `originsRelativeTo` (an upload's folder), a file's origin is its path from there, not from the root.
 */
export async function openExtractSources(paths: string[], originsRelativeTo?: string): Promise<ExtractSources> {
  const originOf = (path: string): string => (originsRelativeTo === undefined ? path : relative(resolve(originsRelativeTo), path));
  const entries: ExtractEntry[] = [];
  const zips: yauzl.ZipFile[] = [];
  const close = async () => {
    for (const zip of zips) zip.close();
  };
  try {
    for (const given of paths) {
      const path = resolve(given);
      const info = await stat(path).catch(() => undefined);
      if (!info) throw new ExtractSourceError(`${given}: no such file or folder`);
      if (info.isDirectory()) {
        const names = (await readdir(path)).filter((n) => !ignored(n)).sort();
        for (const name of names) {
          const full = join(path, name);
          const fileInfo = await stat(full);
          if (fileInfo.isFile()) entries.push(fileEntry(full, fileInfo.size, originOf(full), true));
        }
      } else if (path.toLowerCase().endsWith('.zip')) {
        const zip = await openZip(path);
        zips.push(zip);
        entries.push(...(await zipEntries(path, zip)));
      } else {
        entries.push(fileEntry(path, info.size, originOf(path), false));
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { entries, close };
}
