import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { AuditAction } from '../../contract/audit.contract';
import { AuditEntryRecord } from './audit-entry.entity';

@Injectable()
export class AuditRepository {
  private readonly entries: Repository<AuditEntryRecord>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.entries = dataSource.getRepository(AuditEntryRecord);
  }

  async add(entry: Pick<AuditEntryRecord, 'action' | 'userId' | 'email' | 'target' | 'ip'>): Promise<void> {
    await this.entries.insert(entry);
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
