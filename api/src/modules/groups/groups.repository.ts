import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { PracticeGroup } from './practice-group.entity';

@Injectable()
export class GroupsRepository {
  private readonly groups: Repository<PracticeGroup>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.groups = dataSource.getRepository(PracticeGroup);
  }

  create(group: Pick<PracticeGroup, 'name' | 'ownerId' | 'shared' | 'icbCode' | 'practices'>): Promise<PracticeGroup> {
    return this.groups.save(this.groups.create(group));
  }

  findById(id: number): Promise<PracticeGroup | null> {
    return this.groups.findOneBy({ id });
  }

  /** The user's own groups and the groups shared within the given ICBs ([] = every shared group). */
  visibleTo(ownerId: string, icbCodes: string[] | 'all'): Promise<PracticeGroup[]> {
    const query = this.groups.createQueryBuilder('g').where('g.owner_id = :ownerId', { ownerId });
    if (icbCodes === 'all') query.orWhere('g.shared');
    else if (icbCodes.length > 0) query.orWhere('g.shared AND g.icb_code = ANY(:icbCodes)', { icbCodes });
    return query.orderBy('g.name').addOrderBy('g.id').limit(500).getMany();
  }

  /** Saves the changed fields of a group and returns it as stored. */
  async update(id: number, changes: Partial<Pick<PracticeGroup, 'name' | 'shared' | 'icbCode' | 'practices'>>): Promise<PracticeGroup | null> {
    if (Object.keys(changes).length > 0) await this.groups.update({ id }, changes);
    return this.findById(id);
  }

  async remove(id: number): Promise<void> {
    await this.groups.delete({ id });
  }
}
