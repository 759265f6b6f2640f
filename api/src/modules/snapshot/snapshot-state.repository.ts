import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { SnapshotState } from './snapshot-state.entity';

export interface SnapshotStateRow {
  stale: boolean;
  refreshedAt: Date | null;
  lastError: string | null;
}

/** Reads the `snapshot_state` row (imports mark it stale, refreshes clear it). */
@Injectable()
export class SnapshotStateRepository {
  private readonly states: Repository<SnapshotState>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.states = dataSource.getRepository(SnapshotState);
  }

  /** No row yet means nothing was ever built: stale. */
  async current(): Promise<SnapshotStateRow> {
    const row = await this.states.findOneBy({ id: 1 });
    return row ? { stale: row.stale, refreshedAt: row.refreshedAt, lastError: row.lastError } : { stale: true, refreshedAt: null, lastError: null };
  }
}
