import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { Transaction } from '../../database/transaction';
import { MeasureTarget } from './measure-target.entity';

@Injectable()
export class TargetsRepository {
  private readonly targets: Repository<MeasureTarget>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.targets = dataSource.getRepository(MeasureTarget);
  }

  list(): Promise<MeasureTarget[]> {
    return this.targets.find({ order: { measure: 'ASC', orgCode: 'ASC' } });
  }

  findById(id: string): Promise<MeasureTarget | null> {
    return this.targets.findOneBy({ id });
  }

  /** Sets the target of a measure in an area, replacing the one there was (one per measure and area). */
  async upsert(target: Pick<MeasureTarget, 'measure' | 'orgCode' | 'targetRate' | 'targetMonth' | 'setBy'>, transaction?: Transaction): Promise<MeasureTarget> {
    const targets = this.within(transaction);
    // One statement, so that two admins setting the same target at once leave one row; the id stays the first one's.
    await targets
      .createQueryBuilder()
      .insert()
      .values({ ...target, id: randomUUID(), updatedAt: new Date() })
      .orUpdate(['target_rate', 'target_month', 'set_by', 'updated_at'], ['measure', 'org_code'])
      .execute();
    return targets.findOneByOrFail({ measure: target.measure, orgCode: target.orgCode });
  }

  /** Deletes a target and returns it as it was; null when there was none (or another request deleted it first). */
  async remove(id: string, transaction?: Transaction): Promise<MeasureTarget | null> {
    const targets = this.within(transaction);
    const found = await targets.findOneBy({ id });
    if (!found) return null;
    const result = await targets.delete({ id });
    return (result.affected ?? 0) > 0 ? found : null;
  }

  private within(transaction: Transaction | undefined): Repository<MeasureTarget> {
    return transaction ? transaction.getRepository(MeasureTarget) : this.targets;
  }
}
