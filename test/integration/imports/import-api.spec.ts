import { randomBytes } from 'node:crypto';
import { ImportsService } from '../../../api/src/modules/imports/imports.service';
import { createApiWorld, type ApiWorld } from '../api/api-fixture';
import { goodWith, readGood } from './import-test-support';
import { zipOf } from './zip-writer';

/** A multipart/form-data body with one part per file. */
function multipart(files: Record<string, string | Buffer>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pcsp${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(files).flatMap(([name, content]) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('POST /api/imports and GET /api/imports/:id on the real app', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;
  beforeAll(async () => {
    world = await createApiWorld({}, { snapshot: false });
  });
  afterAll(async () => {
    await world?.close();
  });

  const upload = (files: Record<string, string | Buffer>, as: 'admin' | 'icb' = 'admin') => {
    const body = multipart(files);
    return world.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: world.cookie[as] } });
  };
  const settled = () => world.app.get(ImportsService).idle();

  it('takes an upload with 202 and the queued job, then reports the finished job with row counts per file', async () => {
    const response = await upload(goodWith());
    expect(response.statusCode).toBe(202);
    const queued = response.json<{ id: string; status: string; source: string; requestedBy: string }>();
    expect(queued).toMatchObject({ status: 'queued', requestedBy: 'admin@test.nhs.uk' });
    expect(queued.source).toMatch(/^upload: /);
    await settled();

    const job = await world.get(`/api/imports/${queued.id}`, 'admin');
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({
      id: queued.id,
      status: 'succeeded',
      rowsRead: 32,
      rowsApplied: 32,
      errorCount: 0,
      warningCount: 0,
      issues: { total: 0, offset: 0, limit: 100, items: [] },
    });
    // The API world already holds Y63, QHM, 00L and practices A81001 and A81002 (in U11111): the extract
    // adds U12345, U23456 and A81004, and moves A81001 and A81002 to U12345 under new names.
    expect(job.json<{ files: { file: string; inserted: number; updated: number }[] }>().files.map((f) => [f.file, f.inserted, f.updated])).toEqual([
      ['practices.csv', 3, 2],
      ['patients.csv', 4, 0],
      ['registrations.csv', 5, 0],
      ['conditions.csv', 4, 0],
      ['care_plans.csv', 3, 0],
      ['care_plan_reviews.csv', 2, 0],
      ['care_plan_adjustments.csv', 2, 0],
      ['observations.csv', 4, 0],
      ['admissions.csv', 3, 0],
      ['training.csv', 2, 0],
    ]);
  });

  it('runs uploads made at once one after another, each to the end, and keeps answering meanwhile', async () => {
    // Each import draws 8 of the app's 14 database connections: two taking theirs at once had left the first
    // waiting forever for one more (and every other request with it).
    const responses = await Promise.all([upload(goodWith()), upload(goodWith()), upload(goodWith())]);
    expect(responses.map((r) => r.statusCode)).toEqual([202, 202, 202]);
    expect((await world.get('/api/imports', 'admin')).statusCode).toBe(200);
    await settled();
    for (const response of responses) {
      const job = await world.get(`/api/imports/${response.json<{ id: string }>().id}`, 'admin');
      expect(job.json()).toMatchObject({ status: 'succeeded', rowsRead: 32, errorCount: 0 });
    }
  });

  it('takes a .zip, and pages through a job\'s errors', async () => {
    const zip = zipOf({
      'care_plan_reviews.csv': 'plan_id,reviewed_on\nNO-SUCH-PLAN,2024-01-01\nPLAN-1,2023-01-01\n',
      'training.csv': readGood('training.csv'),
    });
    const response = await upload({ 'extract.zip': zip });
    expect(response.statusCode).toBe(202);
    await settled();
    const id = response.json<{ id: string }>().id;
    const page = await world.get(`/api/imports/${id}?limit=1&offset=1&severity=error`, 'admin');
    expect(page.json()).toMatchObject({
      status: 'failed',
      errorCount: 2,
      files: [
        { file: 'care_plan_reviews.csv', status: 'rejected', errors: 2 },
        { file: 'training.csv', status: 'applied', inserted: 0 },
      ],
      issues: {
        total: 2,
        offset: 1,
        limit: 1,
        items: [{ severity: 'error', file: 'care_plan_reviews.csv', line: 3, column: 'reviewed_on', value: '2023-01-01', rule: "must be on or after the plan's agreed_on (2023-03-15)" }],
      },
    });
    const latest = await world.get('/api/imports?limit=2', 'admin');
    expect(latest.json<{ id: string }[]>().map((job) => job.id)[0]).toBe(id);
  });

  it('answers 403 to a non-administrator, 404 for an unknown job, 400 for an upload without files', async () => {
    expect((await upload(goodWith(), 'icb')).statusCode).toBe(403);
    expect((await world.get('/api/imports', 'icb')).statusCode).toBe(403);
    expect((await world.get('/api/imports/6f1c1c44-7a47-4c1f-9d36-4b9f0c1d2e3f', 'admin')).statusCode).toBe(404);
    expect((await upload({})).statusCode).toBe(400);
    // Each bad parameter named with what was sent; a mistyped one is refused, not ignored.
    const refused: [string, string][] = [
      ['/api/imports/not-a-job', 'id must be an import job id (a UUID)'],
      ['/api/imports?limit=0', 'limit must be a whole number from 1 to 100 (got 0)'],
      ['/api/imports?statu=failed', 'statu is not a parameter of this request'],
      ['/api/imports/6f1c1c44-7a47-4c1f-9d36-4b9f0c1d2e3f?severity=fatal', 'severity must be error or warning (got "fatal")'],
      ['/api/imports/6f1c1c44-7a47-4c1f-9d36-4b9f0c1d2e3f?offset=-1', 'offset must be a whole number ≥ 0 (got "-1")'],
    ];
    for (const [url, detail] of refused) {
      const response = await world.get(url, 'admin');
      expect([url, response.statusCode, response.json().detail]).toEqual([url, 400, detail]);
    }
  });
});
