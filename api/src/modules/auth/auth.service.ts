import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CreatedToken, Session, SessionAnswer } from '../../contract/auth.contract';
import type { AuthUser } from '../../common/auth.decorators';
import { unauthorized } from '../../common/problem';
import { AuditService } from '../audit/audit.service';
import { OrgsService } from '../orgs/orgs.service';
import { hashPassword, verifyPassword } from '../users/password';
import { toUser, UsersService } from '../users/users.service';
import type { UserAccount } from '../users/user.entity';
import { SessionsRepository, type LiveSession } from './sessions.repository';

export const SESSION_COOKIE = 'pcsp_session';
export const SESSION_HOURS = 8;
const TOKEN_PREFIX = 'pcsp_';
const WRONG = 'The email or password is not right (or the account is disabled).';

const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/**
 * How long a looked-up session is believed without asking Postgres again. Every request of the
 * dashboard is authenticated, and the lookup cost more than answering most of them; sign-out and
 * disabling a user here drop the cached entries at once, so only a user disabled from another
 * process (`pcsp users disable`) keeps access for up to this long.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_SIZE = 10_000;

/** Password logins, cookie sessions and bearer tokens; sessions live in Postgres, by the hash of their secret. */
@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so that a wrong email costs as long as a wrong password. */
  private readonly decoy = hashPassword(randomBytes(16).toString('hex'));

  /** Live sessions by secret hash, with when they were read. */
  private readonly recent = new Map<string, { live: LiveSession; readAt: number }>();

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly orgs: OrgsService,
  ) {
    users.onDisabled((id) => {
      for (const [hash, { live }] of this.recent) if (live.user.id === id) this.recent.delete(hash);
    });
  }

  /** Checks the password and opens a session; returns its secret (for the cookie) and the session. */
  async login(email: string, password: string, ip: string): Promise<{ secret: string; session: Session }> {
    const account = await this.users.findAccountByEmail(email);
    const ok = account ? await verifyPassword(account.passwordHash, password) : (await verifyPassword(await this.decoy, password), false);
    if (!account || !ok || account.disabled) {
      await this.audit.record('login_failed', { id: account?.id ?? null, email: email.toLowerCase() }, null, ip);
      throw unauthorized(WRONG);
    }
    const now = new Date();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    const publicId = randomUUID();
    await this.sessions.add({ secretHash: sha256(secret), publicId, userId: account.id, kind: 'session', name: null, expiresAt });
    await this.users.recordLogin(account.id, now);
    await this.audit.record('login', account, null, ip);
    return { secret, session: await this.describe({ ...account, lastLoginAt: now } as UserAccount, expiresAt) };
  }

  async logout(user: AuthUser, secret: string | undefined, ip: string): Promise<void> {
    if (secret) {
      this.recent.delete(sha256(secret));
      await this.sessions.remove(sha256(secret));
    }
    await this.audit.record('logout', user, null, ip);
  }

  /** The user of a cookie secret or bearer token, or a 401 saying why not. */
  async authenticate(secret: string, via: AuthUser['via']): Promise<AuthUser> {
    const found = await this.identify(secret, via);
    if (typeof found === 'string') throw unauthorized(found);
    return found;
  }

  /** The user of a cookie secret or bearer token, or undefined when it belongs to no live session. */
  async findUser(secret: string, via: AuthUser['via']): Promise<AuthUser | undefined> {
    const found = await this.identify(secret, via);
    return typeof found === 'string' ? undefined : found;
  }

  /** The user of a secret, or why there is none. */
  private async identify(secret: string, via: AuthUser['via']): Promise<AuthUser | string> {
    const live = await this.findLive(sha256(secret));
    if (!live || live.user.disabled) return 'The session has expired or was signed out (or the token is not valid): sign in again.';
    if ((via === 'bearer') !== (live.session.kind === 'token')) return 'Send a session as a cookie and a token as Authorization: Bearer.';
    const { user } = live;
    return { id: user.id, email: user.email, name: user.name, role: user.role, areas: [...user.areas], sessionId: live.session.publicId, via, expiresAt: live.session.expiresAt };
  }

  private async findLive(hash: string): Promise<LiveSession | undefined> {
    const now = Date.now();
    const cached = this.recent.get(hash);
    if (cached && now - cached.readAt < SESSION_CACHE_MS && cached.live.session.expiresAt.getTime() > now) return cached.live;
    const live = await this.sessions.findLive(hash, new Date(now));
    this.recent.delete(hash);
    if (live) {
      if (this.recent.size >= SESSION_CACHE_SIZE) this.recent.delete(this.recent.keys().next().value as string);
      this.recent.set(hash, { live, readAt: now });
    }
    return live;
  }

  /** Who is signed in, or { user: null } for nobody. */
  async session(user: AuthUser | undefined): Promise<SessionAnswer> {
    if (!user) return { user: null };
    const account = await this.users.findAccount(user.id);
    if (!account) throw unauthorized('The account no longer exists.');
    return this.describe(account, user.expiresAt);
  }

  async createToken(user: AuthUser, name: string, days: number, ip: string): Promise<CreatedToken> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + days * 86_400_000);
    const id = randomUUID();
    await this.sessions.add({ secretHash: sha256(token), publicId: id, userId: user.id, kind: 'token', name, expiresAt });
    await this.audit.record('token_created', user, name, ip);
    return { id, name, token, expiresAt: expiresAt.toISOString() };
  }

  private async describe(account: UserAccount, expiresAt: Date): Promise<Session> {
    const areas = await this.orgs.describeCodes(account.areas);
    return { user: toUser(account), areas, expiresAt: expiresAt.toISOString() };
  }
}
