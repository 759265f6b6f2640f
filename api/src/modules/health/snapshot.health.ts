import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { SnapshotService } from '../snapshot/snapshot.service';

@Injectable()
export class SnapshotHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly snapshots: SnapshotService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    const info = await this.snapshots.info();
    return info ? check.up({ builtAt: info.builtAt, lastMonth: info.lastMonth }) : check.down({ message: 'no analytics snapshot loaded yet' });
  }
}
