import { randomBytes } from 'node:crypto';
import { removeTempDirs } from '../../../../test/support/cli';
import { createApiWorld, type ApiWorld } from '../../../../test/integration/api/api-fixture';
import { readGood } from '../../../../test/integration/imports/import-test-support';
import { zipOf } from '../../../../test/integration/imports/zip-writer';
import { INTERRUPTED_FAILURE } from './extract-import';
import { ImportsService } from './imports.service';
import { UPLOAD_LIMITS } from './upload-limits';

/** A multipart/form-data body with one part per file. */
function multipart(files: [string, string | Buffer][]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pcsp${randomBytes(8).toString('hex')}`;
  const parts = files.flatMap(([name, content]) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Problem {
  status: number;
  title: string;
  detail: string;
}

describe('POST /api/imports: what an upload may be, in words', () => {
  jest.setTimeout(120_000);
  const limits = { ...UPLOAD_LIMITS };
  let world: ApiWorld;
  beforeAll(async () => {
    // Read when the app starts: a file of 64 KB is the largest this app takes.
    UPLOAD_LIMITS.fileBytes = 64 * 1024;
    world = await createApiWorld({}, { snapshot: false });
  });
  afterAll(async () => {
    await world?.close();
    Object.assign(UPLOAD_LIMITS, limits);
  });

  const upload = (files: [string, string | Buffer][]) => {
    const body = multipart(files);
    return world.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: world.cookie.admin } });
  };
  const uploadsLeft = async () => {
    await world.app.get(ImportsService).idle();
    return (await world.get('/api/imports', 'admin')).json<unknown[]>().length;
  };

  it('refuses more than 20 files, saying to send a .zip, and starts no import', async () => {
    const files = Array.from({ length: 21 }, (_, i): [string, string] => [`file-${i}.csv`, 'a,b\n1,2\n']);
    const response = await upload(files);
    expect([response.statusCode, response.json<Problem>().detail]).toEqual([413, "At most 20 files in one upload: send a .zip of the extract's files instead."]);
    expect(await uploadsLeft()).toBe(0);
  });

  it('refuses a file over the size limit, naming the file and the limit', async () => {
    const big = `${readGood('training.csv')}${'A81001,2024-01-01,PCSP,1\n'.repeat(3000)}`;
    const response = await upload([['practices.csv', readGood('practices.csv')], ['training.csv', big]]);
    expect([response.statusCode, response.json<Problem>().detail]).toEqual([
      413,
      'training.csv is larger than the 64 KB upload limit: split the extract into its files, or import it with pcsp import on the server.',
    ]);
    expect(await uploadsLeft()).toBe(0);
  });

  it('answers a body that is not multipart/form-data with 415 saying how to send the files', async () => {
    const asCsv = await world.app.inject({ method: 'POST', url: '/api/imports', payload: readGood('training.csv'), headers: { 'content-type': 'text/csv', cookie: world.cookie.admin } });
    expect([asCsv.statusCode, asCsv.headers['content-type'], asCsv.json<Problem>()]).toEqual([
      415,
      'application/problem+json; charset=utf-8',
      expect.objectContaining({ status: 415, title: 'Unsupported Media Type', detail: 'Send the files as multipart/form-data: one part per CSV file, or a .zip of them (the request was text/csv).' }),
    ]);
    const asZip = await world.app.inject({ method: 'POST', url: '/api/imports', payload: Buffer.from('PK'), headers: { 'content-type': 'application/zip', cookie: world.cookie.admin } });
    expect([asZip.statusCode, asZip.json<Problem>().detail]).toEqual([415, 'Send the files as multipart/form-data: one part per CSV file, or a .zip of them (the request was application/zip).']);
    const empty = await world.app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: world.cookie.admin } });
    expect([empty.statusCode, empty.json<Problem>().detail]).toEqual([415, 'Send the files as multipart/form-data: one part per CSV file, or a .zip of them.']);
    // Other routes keep Fastify's answer.
    const elsewhere = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: 'x', headers: { 'content-type': 'text/csv' } });
    expect(elsewhere.statusCode).toBe(415);
    expect(elsewhere.json<Problem>().detail).not.toMatch(/multipart/);
  });

  it('refuses at once a file that is neither CSV, zip nor FHIR, naming it', async () => {
    const response = await upload([['training.csv', readGood('training.csv')], ['evil.exe', Buffer.from('MZ')]]);
    expect([response.statusCode, response.json<Problem>().detail]).toEqual([
      400,
      'evil.exe is not a file an import reads: upload CSV files of the extract (.csv), a .zip of them, or FHIR files (.ndjson, .json).',
    ]);
    expect(await uploadsLeft()).toBe(0);
  });

  it('names each uploaded file as uploaded, not by its path on the server', async () => {
    const response = await upload([['practices.csv', readGood('practices.csv')], ['extract.zip', zipOf({ 'training.csv': readGood('training.csv') })]]);
    expect(response.statusCode).toBe(202);
    await world.app.get(ImportsService).idle();
    const job = await world.get(`/api/imports/${response.json<{ id: string }>().id}`, 'admin');
    expect(job.json<{ files: { file: string; origin: string }[] }>().files.map((f) => [f.file, f.origin])).toEqual([
      ['practices.csv', 'practices.csv'],
      ['training.csv', 'extract.zip!training.csv'],
    ]);
  });

  it('lists a job left running by a process that stopped as failed, interrupted', async () => {
    const [{ id }] = (await world.database.dataSource.query(
      `INSERT INTO import_jobs (id, status, source, started_at) VALUES (gen_random_uuid(), 'running', 'pcsp import /gone', now()) RETURNING id`,
    )) as { id: string }[];
    const listed = (await world.get('/api/imports', 'admin')).json<{ id: string; status: string; failure: string | null; finishedAt: string | null }[]>();
    expect(listed.find((job) => job.id === id)).toMatchObject({ status: 'failed', failure: INTERRUPTED_FAILURE, finishedAt: expect.any(String) });
    expect((await world.get(`/api/imports/${id}`, 'admin')).json()).toMatchObject({ status: 'failed', failure: INTERRUPTED_FAILURE });
  });
});

// Last, after the app above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
