import { createApiWorld, type ApiWorld } from './api-fixture';

describe('custom groups of practices', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;
  const post = (as: 'icb' | 'practice' | 'london' | 'admin', payload: object) =>
    world.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: world.cookie[as] }, payload });

  beforeAll(async () => {
    world = await createApiWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('computes a group’s figures from its practices’ cells at request time, everywhere an organisation goes', async () => {
    const created = await post('icb', { name: 'Blyth locality', practices: ['A81001', 'A81002'], shared: true });
    expect(created.statusCode).toBe(201);
    const group = created.json();
    expect(group).toMatchObject({ name: 'Blyth locality', shared: true, icbCode: 'QHM', practices: [{ code: 'A81001' }, { code: 'A81002' }] });
    const code = group.code as string;
    expect(code).toMatch(/^group:\d+$/);

    // 6/10 + 1/4 = 7/14 = 50%, beside the ICB (also 7/14) and England (12/19).
    const series = (await world.get(`/api/measures/plan_coverage/series?org=${code}&from=2024-05&to=2024-05`, 'icb')).json();
    expect(series.org).toEqual({ code, name: 'Blyth locality', level: 'group' });
    expect(series.lines[0].points[0]).toMatchObject({ month: '2024-05', numerator: 7, denominator: 14, rate: 50, parentRate: 50 });
    expect(series.lines[0].points[0].englandRate).toBeCloseTo((100 * 12) / 19, 10);

    const summary = (await world.get(`/api/orgs/${encodeURIComponent(code)}/summary?month=2024-05`, 'icb')).json();
    const card = summary.cards.find((c: { measure: string }) => c.measure === 'plan_coverage');
    // 12 months before: 2/10 + 0/4 = 2/14.
    expect(card).toMatchObject({ numerator: 7, denominator: 14, rate: 50 });
    expect(card.change.previousRate).toBeCloseTo((100 * 2) / 14, 10);

    const compare = (await world.get(`/api/measures/plan_coverage/compare?month=2024-05&within=${code}`, 'icb')).json();
    expect(compare.rows.map((r: { code: string }) => r.code)).toEqual(['A81001', 'A81002']);

    // Shared within QHM: the A81001 practice user sees it; the London practice gets 403.
    const seen = (await world.get('/api/groups', 'practice')).json();
    expect(seen.groups.map((g: { code: string }) => g.code)).toEqual([code]);
    expect((await world.get('/api/groups', 'london')).json().groups).toEqual([]);
    const outside = await world.get(`/api/measures/plan_coverage/series?org=${code}`, 'london');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toBe(`org: ${code} (Blyth locality) holds practices outside your area`);

    // Only the owner (or an admin) deletes it.
    const notOwner = await world.app.inject({ method: 'DELETE', url: `/api/groups/${group.id}`, headers: { cookie: world.cookie.practice } });
    expect(notOwner.statusCode).toBe(403);
    const deleted = await world.app.inject({ method: 'DELETE', url: `/api/groups/${group.id}`, headers: { cookie: world.cookie.icb } });
    expect(deleted.statusCode).toBe(204);
    expect((await world.get(`/api/measures/plan_coverage/series?org=${code}`, 'icb')).statusCode).toBe(404);
  });

  it('keeps a private group to its owner and refuses practices outside the area or across ICBs', async () => {
    const mine = (await post('icb', { name: 'Mine', practices: ['A81001', 'A81002'] })).json();
    const other = await world.get(`/api/measures/plan_coverage/series?org=${mine.code}`, 'practice');
    expect(other.statusCode).toBe(404);
    expect(other.json().detail).toBe(`org: there is no group ${mine.code}`);

    const outside = await post('icb', { name: 'Too far', practices: ['A81001', 'F83001'] });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().detail).toBe('practices[1]: F83001 (Camden Health Centre) is outside your area');
    const across = await post('admin', { name: 'Across', practices: ['A81001', 'F83001'] });
    expect(across.statusCode).toBe(400);
    expect(across.json().detail).toBe('practices must all belong to one ICB');
    const notPractice = await post('admin', { name: 'PCN', practices: ['A81001', 'U11111'] });
    expect(notPractice.json().detail).toBe('practices[1]: no practice has the code U11111');
    const one = await post('icb', { name: 'One', practices: ['A81001'] });
    expect(one.json().errors).toEqual([{ parameter: 'practices', message: 'practices must list 2 to 200 practices (got ["A81001"])' }]);
  });
});
