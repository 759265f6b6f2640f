import { Inject, Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

export interface SnapshotSummary {
  builtAt: string;
  lastMonth: string;
}

/** INTERIM: replaced by the analytics reader once it lands. */
@Injectable()
export class SnapshotService {
  private readonly dir: string;
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = join(config.dataDir, 'snapshots');
  }

  async info(): Promise<SnapshotSummary | undefined> {
    const pointer = join(this.dir, 'current.json');
    if (!existsSync(pointer)) return undefined;
    return JSON.parse(readFileSync(pointer, 'utf8')) as SnapshotSummary;
  }
}
