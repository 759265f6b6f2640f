import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { Transaction } from '../../database/transaction';
import { UserAccount } from './user.entity';

/** The only place users are read and written. */
@Injectable()
export class UsersRepository {
  private readonly users: Repository<UserAccount>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(UserAccount);
  }

  static over(dataSource: DataSource): UsersRepository {
    return new UsersRepository(dataSource);
  }

  findByEmail(email: string): Promise<UserAccount | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  findById(id: string): Promise<UserAccount | null> {
    return this.users.findOneBy({ id });
  }

  list(): Promise<UserAccount[]> {
    return this.users.find({ order: { createdAt: 'ASC', email: 'ASC' } });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  create(user: Pick<UserAccount, 'email' | 'name' | 'role' | 'areas' | 'passwordHash'>, transaction?: Transaction): Promise<UserAccount> {
    const users = this.within(transaction);
    return users.save(users.create({ ...user, email: user.email.toLowerCase(), disabled: false }));
  }

  async setDisabled(id: string, disabled: boolean, transaction?: Transaction): Promise<void> {
    await this.within(transaction).update({ id }, { disabled });
  }

  /** A new password hash; the user's browser sessions end with it (their API tokens, separate credentials, stay). */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserAccount).update({ id }, { passwordHash });
      await manager.query(`DELETE FROM sessions WHERE user_id = $1 AND kind = 'session'`, [id]);
    });
  }

  private within(transaction: Transaction | undefined): Repository<UserAccount> {
    return transaction ? transaction.getRepository(UserAccount) : this.users;
  }

  async touchLogin(id: string, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: at });
  }

  /** Levels of the given organisation codes in the system of record (absent codes are missing from the map). */
  async organisationLevels(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { code: string; level: string }[] = await this.dataSource.query(
      'SELECT code, level FROM organisations WHERE code = ANY($1::text[])',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.level]));
  }
}
