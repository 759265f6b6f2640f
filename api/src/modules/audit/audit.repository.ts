import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { AuditAction } from '../../contract/audit.contract';
import type { Transaction } from '../../database/transaction';
import { AuditEntryRecord } from './audit-entry.entity';

@Injectable()
export class AuditRepository {
  private readonly entries: Repository<AuditEntryRecord>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.entries = dataSource.getRepository(AuditEntryRecord);
  }

  async add(entry: Pick<AuditEntryRecord, 'action' | 'userId' | 'email' | 'target' | 'ip'>, transaction?: Transaction): Promise<void> {
    await (transaction ? transaction.getRepository(AuditEntryRecord) : this.entries).insert(entry);
  }

  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  page(options: { action?: AuditAction; limit: number; offset: number }): Promise<[AuditEntryRecord[], number]> {
    return this.entries.findAndCount({
      where: options.action ? { action: options.action } : {},
      order: { at: 'DESC', id: 'DESC' },
      take: options.limit,
      skip: options.offset,
    });
  }
}
