import { createApiWorld, PASSWORD, type ApiWorld } from './api-fixture';

describe('API access: login, sessions, tokens, roles', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;

  beforeAll(async () => {
    world = await createApiWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('logs in with a password and sets an httpOnly, SameSite=Strict session cookie (Secure outside development)', async () => {
    const response = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ICB@test.nhs.uk', password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^pcsp_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/);
    // loadConfig without NODE_ENV is development, so no Secure flag here (see the production test below).
    expect(response.json()).toMatchObject({
      user: { email: 'icb@test.nhs.uk', role: 'commissioner', areas: ['QHM'], disabled: false },
      areas: [{ code: 'QHM', name: 'North East and North Cumbria ICB', level: 'icb' }],
    });
    expect(JSON.stringify(response.json())).not.toContain('argon2');
  });

  it('refuses a wrong password, an unknown email and a disabled account with the same 401 problem, and audits each', async () => {
    const attempts = [
      { email: 'icb@test.nhs.uk', password: 'wrong password!' },
      { email: 'nobody@test.nhs.uk', password: PASSWORD },
    ];
    for (const payload of attempts) {
      const response = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.json()).toEqual({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'The email or password is not right (or the account is disabled).',
        instance: '/api/auth/login',
      });
    }
    const audit = await world.get('/api/audit?action=login_failed', 'admin');
    expect(audit.statusCode).toBe(200);
    expect(audit.json().entries.map((e: { email: string }) => e.email)).toEqual(['nobody@test.nhs.uk', 'icb@test.nhs.uk']);
  });

  it('answers 401 without a session, with a bad cookie and with a malformed Authorization header', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'Sign in first: send the session cookie or an Authorization: Bearer token.'],
      [{ cookie: 'pcsp_session=forged' }, 'The session has expired or was signed out (or the token is not valid): sign in again.'],
      [{ authorization: 'Basic abc' }, 'The Authorization header must be "Bearer <token>".'],
    ];
    for (const [headers, detail] of cases) {
      const response = await world.app.inject({ method: 'GET', url: '/api/measures', headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe(detail);
    }
  });

  it('answers the session check with 200 { user: null } for nobody signed in, but 401 for a bad bearer token, as everywhere', async () => {
    const session = (headers: Record<string, string>) => world.app.inject({ method: 'GET', url: '/api/auth/session', headers });
    // No cookie, and a cookie of no session: signed out, which is an answer, not an error.
    const signedOut: Record<string, string>[] = [{}, { cookie: 'pcsp_session=forged' }];
    for (const headers of signedOut) {
      const response = await session(headers);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.json()).toEqual({ user: null });
    }
    const cases: [Record<string, string>, string][] = [
      [{ authorization: 'Basic abc' }, 'The Authorization header must be "Bearer <token>".'],
      [{ authorization: 'Bearer pcsp_forged' }, 'The session has expired or was signed out (or the token is not valid): sign in again.'],
      // A cookie's secret is not a token.
      [{ authorization: `Bearer ${world.cookie.icb.replace(/^pcsp_session=/, '')}` }, 'Send a session as a cookie and a token as Authorization: Bearer.'],
    ];
    for (const [headers, detail] of cases) {
      const response = await session(headers);
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe(detail);
    }
    const signedIn = await session({ cookie: world.cookie.icb });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { email: 'icb@test.nhs.uk', role: 'commissioner', areas: ['QHM'] }, areas: [{ code: 'QHM', level: 'icb' }] });
  });

  it('issues a bearer token for scripts that works without a cookie, and shows the session', async () => {
    const created = await world.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie: world.cookie.region }, payload: { name: 'monthly script', days: 30 } });
    expect(created.statusCode).toBe(201);
    const { token } = created.json() as { token: string };
    expect(token).toMatch(/^pcsp_[A-Za-z0-9_-]{43}$/);
    const session = await world.app.inject({ method: 'GET', url: '/api/auth/session', headers: { authorization: `Bearer ${token}` } });
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ email: 'region@test.nhs.uk', role: 'network', areas: ['Y63'] });
    // A token is not a cookie: refused where a session is needed, and no one is signed in by it.
    const swapped = await world.app.inject({ method: 'GET', url: '/api/measures', headers: { cookie: `pcsp_session=${token}` } });
    expect(swapped.statusCode).toBe(401);
    expect(swapped.json().detail).toBe('Send a session as a cookie and a token as Authorization: Bearer.');
    const swappedSession = await world.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `pcsp_session=${token}` } });
    expect(swappedSession.statusCode).toBe(200);
    expect(swappedSession.json()).toEqual({ user: null });
  });

  it('lets only admins manage users and read the audit log (403 for every other role)', async () => {
    for (const who of ['icb', 'region', 'practice'] as const) {
      for (const url of ['/api/users', '/api/audit']) {
        const response = await world.get(url, who);
        expect(response.statusCode).toBe(403);
        expect(response.json().detail).toBe('Only admin users may do this.');
      }
    }
    const list = await world.get('/api/users', 'admin');
    expect(list.statusCode).toBe(200);
    expect(list.json().users.map((u: { email: string }) => u.email).sort()).toEqual([
      'admin@test.nhs.uk', 'icb@test.nhs.uk', 'london@test.nhs.uk', 'practice@test.nhs.uk', 'region@test.nhs.uk',
    ]);
  });

  it('creates users with areas checked against their role, and a disabled user can no longer sign in or use a session', async () => {
    const post = (payload: object) => world.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: world.cookie.admin }, payload });
    const base = { email: 'new@test.nhs.uk', name: 'New', password: 'twelve chars ok' };
    const wrongLevel = await post({ ...base, role: 'commissioner', areas: ['Y63'] });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().detail).toBe("areas: Y63 is a region, but a commissioner user's area must be an ICB");
    const unknown = await post({ ...base, role: 'practice', areas: ['Z99999'] });
    expect(unknown.json().detail).toBe('areas: no organisation has the code Z99999');
    const short = await post({ ...base, role: 'admin', areas: [], password: 'short' });
    expect(short.statusCode).toBe(400);
    // The rule, never the password given (the detail and the errors alike).
    expect(short.json().errors).toEqual([{ parameter: 'password', message: 'password must be at least 12 characters' }]);
    expect(short.body).not.toContain('short"');
    const long = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: base.email, password: 'x'.repeat(201) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([{ parameter: 'password', message: 'password must be at most 200 characters' }]);
    expect(long.body).not.toContain('xxxxxxxx');
    const extra = await post({ ...base, role: 'admin', areas: [], isAdmin: true });
    expect(extra.json().errors).toEqual([{ parameter: 'isAdmin', message: 'isAdmin is not a parameter of this request' }]);

    // The same address sent twice at once: one is created, the other told it exists (both pass the check before either
    // is saved; the unique index decides).
    const twice = await Promise.all([0, 1].map(() => post({ ...base, email: 'twice@test.nhs.uk', role: 'admin', areas: [] })));
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(twice.find((r) => r.statusCode === 409)?.json().detail).toBe('A user with email twice@test.nhs.uk already exists');
    const created = await post({ ...base, role: 'practice', areas: ['A81002'] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const login = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: base.email, password: base.password } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    expect((await world.app.inject({ method: 'GET', url: '/api/measures', headers: { cookie } })).statusCode).toBe(200);

    const disabled = await world.app.inject({ method: 'POST', url: `/api/users/${id}/disable`, headers: { cookie: world.cookie.admin } });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    expect((await world.app.inject({ method: 'GET', url: '/api/measures', headers: { cookie } })).statusCode).toBe(401);
    const again = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: base.email, password: base.password } });
    expect(again.statusCode).toBe(401);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const login = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'region@test.nhs.uk', password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const out = await world.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^pcsp_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    expect((await world.app.inject({ method: 'GET', url: '/api/measures', headers: { cookie } })).statusCode).toBe(401);
    const session = await world.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual({ user: null });
  });

  it('sends helmet headers, no CORS headers, and keeps health and readiness public', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/measures', headers: { cookie: world.cookie.icb, origin: 'https://evil.example' } });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await world.app.inject({ method: 'OPTIONS', url: '/api/measures', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect((await world.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await world.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('rejects a request body over the size limit with a 413 problem', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json().detail).toBe('The request body is too large.');
  });
});

describe('login rate limit', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;
  beforeAll(async () => {
    world = await createApiWorld({ loginRateLimit: 7 }, { snapshot: false });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('allows LOGIN_RATE_LIMIT attempts a minute per address, then answers 429 even for a right password', async () => {
    // createApiWorld logged in its 5 users already: 2 attempts are left in this minute.
    const attempt = () => world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'icb@test.nhs.uk', password: 'wrong password!' } });
    expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).statusCode).toBe(401);
    const limited = await world.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'icb@test.nhs.uk', password: PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ status: 429, detail: 'Too many attempts: wait a minute and try again.' });
  });
});
