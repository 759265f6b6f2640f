import type { ParameterProblem } from '../../../api/src/contract/problem.contract';
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
    // and now 7/14 = 50%, one month each.
    expect(card.change).toMatchObject({ fromFirstMonth: '2023-05', fromMonth: '2023-05', toFirstMonth: '2024-05', toMonth: '2024-05', currentRate: 50 });

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
    const blank = await post('icb', { name: '   ', practices: ['A81001', 'A81002'] });
    expect([blank.statusCode, blank.json().detail]).toEqual([400, 'name must not be blank (got "   ")']);
    const one = await post('icb', { name: 'One', practices: ['A81001'] });
    expect(one.json().errors).toEqual([{ parameter: 'practices', message: 'practices must list 2 to 200 practices (got ["A81001"])', code: 'practice_count' }]);
  });

  it('gives each refusal of a group’s fields a reason code (and the unknown practice code as its value), for clients to act on without reading the message', async () => {
    const two = ['A81001', 'A81002'];
    // quoteValue cuts at 40 characters: '[' and 8 × '"Pn",' are 41, so the cut drops the comma after "P7".
    const many = Array.from({ length: 201 }, (_, i) => `P${i}`);
    const refusedNew: [object, ParameterProblem[]][] = [
      [{ practices: two }, [{ parameter: 'name', message: 'name is required', code: 'required' }]],
      [{ name: 7, practices: two }, [{ parameter: 'name', message: 'name must be text (got 7)', code: 'wrong_type' }]],
      [{ name: '', practices: two }, [{ parameter: 'name', message: 'name must not be empty (got "")', code: 'blank' }]],
      [{ name: '   ', practices: two }, [{ parameter: 'name', message: 'name must not be blank (got "   ")', code: 'blank' }]],
      [{ name: 'x'.repeat(101), practices: two }, [{ parameter: 'name', message: `name must be at most 100 characters (got "${'x'.repeat(40)}…")`, code: 'too_long' }]],
      [{ name: 'N' }, [{ parameter: 'practices', message: 'practices is required', code: 'required' }]],
      [{ name: 'N', practices: 'A81001' }, [{ parameter: 'practices', message: 'practices must be a list of practice codes (got "A81001")', code: 'wrong_type' }]],
      [{ name: 'N', practices: ['A81001'] }, [{ parameter: 'practices', message: 'practices must list 2 to 200 practices (got ["A81001"])', code: 'practice_count' }]],
      [{ name: 'N', practices: many }, [{ parameter: 'practices', message: 'practices must list 2 to 200 practices (got ["P0","P1","P2","P3","P4","P5","P6","P7"…)', code: 'practice_count' }]],
      [{ name: 'N', practices: ['A81001', 'A81001'] }, [{ parameter: 'practices', message: 'practices must not list a practice twice (got ["A81001","A81001"])', code: 'duplicate' }]],
      [
        { name: 'N', practices: ['A81001', 'a81002'] },
        [{ parameter: 'practices', message: 'practices must hold practice codes (1 to 8 capital letters or digits) (got ["A81001","a81002"])', code: 'not_a_practice_code' }],
      ],
      [{ name: 'N', practices: ['A81001', 'U11111'] }, [{ parameter: 'practices[1]', message: 'practices[1]: no practice has the code U11111', code: 'unknown_practice', value: 'U11111' }]],
      [{ name: 'N', practices: ['A81001', 'F83001'] }, [{ parameter: 'practices', message: 'practices must all belong to one ICB', code: 'one_icb' }]],
      [{ name: 'N', practices: two, shared: 'yes' }, [{ parameter: 'shared', message: 'shared must be true or false (got "yes")', code: 'wrong_type' }]],
      // A parameter the request does not have is refused by the pipe for every endpoint alike, with no code.
      [{ name: 'N', practices: two, colour: 'red' }, [{ parameter: 'colour', message: 'colour is not a parameter of this request' }]],
    ];
    // As an admin, who sees every practice: none of these is a 403.
    for (const [payload, errors] of refusedNew) {
      const response = await post('admin', payload);
      expect([response.statusCode, response.json().errors]).toEqual([400, errors]);
    }

    const draft = (await post('icb', { name: 'Coded', practices: two })).json();
    const refusedEdit: [object, ParameterProblem[]][] = [
      [{ name: '   ' }, [{ parameter: 'name', message: 'name must not be blank (got "   ")', code: 'blank' }]],
      [{ name: null }, [{ parameter: 'name', message: 'name must be text (got null)', code: 'wrong_type' }]],
      [{ practices: ['A81001', 'A81001'] }, [{ parameter: 'practices', message: 'practices must not list a practice twice (got ["A81001","A81001"])', code: 'duplicate' }]],
      [{ practices: ['U11111', 'A81001'] }, [{ parameter: 'practices[0]', message: 'practices[0]: no practice has the code U11111', code: 'unknown_practice', value: 'U11111' }]],
    ];
    for (const [payload, errors] of refusedEdit) {
      const response = await world.app.inject({ method: 'PATCH', url: `/api/groups/${draft.id}`, headers: { cookie: world.cookie.icb }, payload });
      expect([response.statusCode, response.json().errors]).toEqual([400, errors]);
    }

    // A series left without its org is refused with the same code, now that its org rule gives codes too.
    const series = await world.get('/api/measures/plan_coverage/series', 'icb');
    expect(series.json().errors).toEqual([{ parameter: 'org', message: 'org is required', code: 'required' }]);
  });

  it('lets the owner alone edit a group’s name, practices and sharing, with the rules of a new group; a refused edit changes nothing', async () => {
    const patch = (as: 'icb' | 'practice' | 'admin', id: number, payload: object) =>
      world.app.inject({ method: 'PATCH', url: `/api/groups/${id}`, headers: { cookie: world.cookie[as] }, payload });
    const draft = (await post('icb', { name: 'Draft', practices: ['A81001', 'A81002'] })).json();

    // Private: the practice user cannot even see it.
    expect((await patch('practice', draft.id, { name: 'Mine now' })).statusCode).toBe(404);

    const renamed = await patch('icb', draft.id, { name: '  Blyth and Ashington ', shared: true });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: draft.id, code: draft.code, name: 'Blyth and Ashington', shared: true, icbCode: 'QHM', createdAt: draft.createdAt });
    expect(renamed.json().practices.map((p: { code: string }) => p.code)).toEqual(['A81001', 'A81002']);

    // Shared now, so the practice user sees it, but only the owner changes it; an admin is not its owner either.
    const notOwner = await patch('practice', draft.id, { shared: false });
    expect(notOwner.statusCode).toBe(403);
    expect(notOwner.json().detail).toBe('Only the owner of a group may change it.');
    expect((await patch('admin', draft.id, { shared: false })).statusCode).toBe(403);

    const refused: [object, number, string][] = [
      [{ practices: ['A81001', 'F83001'] }, 403, 'practices[1]: F83001 (Camden Health Centre) is outside your area'],
      [{ practices: ['A81001', 'U11111'] }, 400, 'practices[1]: no practice has the code U11111'],
      [{ name: '   ' }, 400, 'name must not be blank (got "   ")'],
      // null is not "left out": each field given is checked (these had failed in the service, as 500s).
      [{ name: null }, 400, 'name must be text (got null)'],
      [{ practices: null }, 400, 'practices must be a list of practice codes (got null)'],
      [{ shared: null }, 400, 'shared must be true or false (got null)'],
    ];
    for (const [payload, status, detail] of refused) {
      const response = await patch('icb', draft.id, payload);
      expect([response.statusCode, response.json().detail]).toEqual([status, detail]);
    }
    const one = await patch('icb', draft.id, { practices: ['A81001'], shared: 'yes' });
    expect(one.json().errors).toEqual([
      { parameter: 'practices', message: 'practices must list 2 to 200 practices (got ["A81001"])', code: 'practice_count' },
      { parameter: 'shared', message: 'shared must be true or false (got "yes")', code: 'wrong_type' },
    ]);
    expect((await world.app.inject({ method: 'PATCH', url: '/api/groups/x', headers: { cookie: world.cookie.icb }, payload: {} })).json().detail).toBe('id must be a group number');

    // New practices (the same two, in a new order): saved as given; nothing above changed the group.
    const reordered = (await patch('icb', draft.id, { practices: ['A81002', 'A81001'] })).json();
    expect(reordered).toMatchObject({ name: 'Blyth and Ashington', shared: true, icbCode: 'QHM' });
    expect(reordered.practices.map((p: { code: string }) => p.code)).toEqual(['A81002', 'A81001']);
    const listed = (await world.get('/api/groups', 'icb')).json().groups.find((g: { id: number }) => g.id === draft.id);
    expect(listed).toEqual(reordered);
    // The figures follow: 1/4 + 6/10 = 7/14 = 50% at 2024-05.
    const series = (await world.get(`/api/measures/plan_coverage/series?org=${draft.code}&from=2024-05&to=2024-05`, 'icb')).json();
    expect(series.org.name).toBe('Blyth and Ashington');
    expect(series.lines[0].points[0]).toMatchObject({ numerator: 7, denominator: 14, rate: 50 });
  });
});
