import { Injectable } from '@nestjs/common';
import type { AuditAction, AuditList } from '../../contract/audit.contract';
import type { AuthUser } from '../../common/auth.decorators';
import type { Transaction } from '../../database/transaction';
import { AuditRepository } from './audit.repository';
import type { AuditQueryDto } from './dto/audit-query.dto';

/** The audit log of logins, exports, imports and user changes (`GET /api/audit`, admins only). */
@Injectable()
export class AuditService {
  constructor(private readonly entries: AuditRepository) {}

  async record(action: AuditAction, who: { id: string | null; email: string | null }, target: string | null, ip: string | null): Promise<void> {
    await this.entries.add({ action, userId: who.id, email: who.email, target, ip });
  }

  /**
   * Records `action` taken by the server itself, not by a user nor from a client: no user id and no address, and in the
   * email's place what asked for it (e.g. ENGINE_UPGRADE_REQUESTER), so that no one reads it as a person's.
   */
  async recordBySystem(action: AuditAction, requester: string, target: string): Promise<void> {
    await this.entries.add({ action, userId: null, email: requester, target, ip: null });
  }

  /**
   * Makes a change to the stored data and records it in one transaction, so that neither is kept without the other:
   * an audit entry that cannot be written undoes the change it would have recorded, and the request fails.
   */
  change<T>(action: AuditAction, user: AuthUser, ip: string, work: (transaction: Transaction) => Promise<T>, target: (result: T) => string): Promise<T> {
    return this.entries.transaction(async (transaction) => {
      const result = await work(transaction);
      await this.entries.add({ action, userId: user.id, email: user.email, target: target(result), ip }, transaction);
      return result;
    });
  }

  /** Awaits `work`, which changes no stored data (a refresh started), and records `action` by `user` once it succeeded. */
  async after<T>(action: AuditAction, user: AuthUser, ip: string, work: Promise<T>, target: (result: T) => string): Promise<T> {
    const result = await work;
    await this.record(action, user, target(result), ip);
    return result;
  }

  async list(query: AuditQueryDto): Promise<AuditList> {
    const [rows, total] = await this.entries.page(query);
    return {
      total,
      offset: query.offset,
      limit: query.limit,
      entries: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), action: r.action, userId: r.userId, email: r.email, target: r.target, ip: r.ip })),
    };
  }
}
