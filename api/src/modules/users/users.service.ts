import { Injectable } from '@nestjs/common';
import type { User } from '../../contract/auth.contract';
import { badParameter, ProblemException } from '../../common/problem';
import type { Transaction } from '../../database/transaction';
import type { CreateUserDto } from './dto/create-user.dto';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password';
import type { UserAccount } from './user.entity';
import { UsersRepository } from './users.repository';

const AREA_LEVEL = { commissioner: 'icb', network: 'region', practice: 'practice' } as const;

export function toUser(account: UserAccount): User {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    areas: [...account.areas],
    disabled: account.disabled,
    createdAt: account.createdAt.toISOString(),
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
  };
}

/** Users and their areas; also behind `pcsp users add|list|disable`. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  static over(repository: UsersRepository): UsersService {
    return new UsersService(repository);
  }

  /** The account behind a login attempt (hash included), or null. */
  findAccountByEmail(email: string): Promise<UserAccount | null> {
    return this.users.findByEmail(email);
  }

  findAccount(id: string): Promise<UserAccount | null> {
    return this.users.findById(id);
  }

  recordLogin(id: string, at: Date): Promise<void> {
    return this.users.touchLogin(id, at);
  }

  async list(): Promise<User[]> {
    return (await this.users.list()).map(toUser);
  }

  async create(request: CreateUserDto, transaction?: Transaction): Promise<User> {
    await this.checkAreas(request.role, request.areas);
    const exists = () => new ProblemException(409, `A user with email ${request.email.toLowerCase()} already exists`);
    if (await this.users.findByEmail(request.email)) throw exists();
    const passwordHash = await hashPassword(request.password);
    try {
      return toUser(await this.users.create({ email: request.email, name: request.name, role: request.role, areas: request.areas, passwordHash }, transaction));
    } catch (error) {
      // The same address added twice at once: the second finds no user above, then meets the unique index.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw exists();
      throw error;
    }
  }

  /** Called with the id of every user disabled here (sign-in keeps a short cache of sessions to drop). */
  private readonly disabledListeners: ((id: string) => void)[] = [];

  onDisabled(listener: (id: string) => void): void {
    this.disabledListeners.push(listener);
  }

  async disable(id: string, transaction?: Transaction): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new ProblemException(404, `No user with id ${id}`);
    await this.users.setDisabled(id, true, transaction);
    // Told before a transaction commits: a session dropped from the cache for a change undone is only read again.
    for (const listener of this.disabledListeners) listener(id);
    return toUser({ ...user, disabled: true } as UserAccount);
  }

  async disableByEmail(email: string): Promise<User> {
    const user = await this.users.findByEmail(email);
    if (!user) throw new ProblemException(404, `No user with email ${email.toLowerCase()}`);
    return this.disable(user.id);
  }

  /** Sets a user's password (how an administrator recovers a lost one); their browser sessions end. */
  async setPasswordByEmail(email: string, password: string): Promise<User> {
    if (password.length < MIN_PASSWORD_LENGTH) throw badParameter('password', `password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    const user = await this.users.findByEmail(email);
    if (!user) throw new ProblemException(404, `No user with email ${email.toLowerCase()}`);
    await this.users.setPasswordHash(user.id, await hashPassword(password));
    return toUser(user);
  }

  /** Admins have no area; commissioners one or more ICBs; network users one region; practice users one practice. */
  private async checkAreas(role: CreateUserDto['role'], areas: string[]): Promise<void> {
    if (role === 'admin') {
      if (areas.length > 0) throw badParameter('areas', 'areas must be empty for an admin (an admin sees everything)');
      return;
    }
    const level = AREA_LEVEL[role];
    if (areas.length === 0) throw badParameter('areas', `areas must name the ${level === 'icb' ? 'ICB' : level} of a ${role} user`);
    if (role !== 'commissioner' && areas.length > 1) throw badParameter('areas', `areas must name exactly one ${level} for a ${role} user`);
    const levels = await this.users.organisationLevels(areas);
    for (const code of areas) {
      const found = levels.get(code);
      if (found === undefined) throw badParameter('areas', `areas: no organisation has the code ${code}`, { code: 'unknown_organisation', value: code });
      if (found !== level) throw badParameter('areas', `areas: ${code} is a ${found}, but a ${role} user's area must be ${level === 'icb' ? 'an ICB' : `a ${level}`}`);
    }
  }
}
