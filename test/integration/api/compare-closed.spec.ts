import { createApiWorld, type ApiWorld } from './api-fixture';

// The fixture's population plus A81009, closed at the end of 2023 (api-fixture.ts, insertClosedPractice).
describe('compare: closed practices (no registered patients) are left out unless asked for', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;

  beforeAll(async () => {
    world = await createApiWorld({}, { closedPractice: true });
  });
  afterAll(async () => {
    await world?.close();
  });

  const codes = (body: { rows: { code: string; closed: boolean }[] }) => body.rows.map((r) => `${r.code}${r.closed ? ' closed' : ''}`);

  it('leaves out at the month a practice with no one registered, lists it marked closed on request, and says which it did', async () => {
    // plan_shared at 2024-05 counts plans agreed 2023-06..2024-05 where the patient was registered on the day:
    // A81009's one plan (2023-06-01, 0 of 1 shared) gives it a cell although no one is registered there at 2024-05.
    const left = (await world.get('/api/measures/plan_shared/compare?month=2024-05&sort=code', 'icb')).json();
    expect([codes(left), left.total, left.includeClosed]).toEqual([['A81001', 'A81002'], 2, false]);
    const asked = (await world.get('/api/measures/plan_shared/compare?month=2024-05&sort=code&includeClosed=true', 'icb')).json();
    expect([codes(asked), asked.total, asked.includeClosed]).toEqual([['A81001', 'A81002', 'A81009 closed'], 3, true]);
    expect(asked.rows[2]).toMatchObject({ name: 'Old Mill Surgery', numerator: 0, denominator: 1, rate: 0 });
    // 2023-11: its 3 patients are still registered, so it is open (plan coverage 1 of 3).
    const open = (await world.get('/api/measures/plan_coverage/compare?month=2023-11&sort=code', 'icb')).json();
    expect(codes(open)).toEqual(['A81001', 'A81002', 'A81009']);
    expect(open.rows[2]).toMatchObject({ numerator: 1, denominator: 3 });
    // The CSV download follows the same rule.
    const csv = (await world.get('/api/measures/plan_shared/compare?month=2024-05&sort=code&format=csv', 'icb')).body.trim().split('\n');
    expect(csv.slice(1).map((line) => line.split(',')[2])).toEqual(['A81001', 'A81002']);
    const bad = await world.get('/api/measures/plan_shared/compare?includeClosed=yes', 'icb');
    expect([bad.statusCode, bad.json().detail]).toEqual([400, 'includeClosed must be true or false (got "yes")']);
  });
});
