import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { AlertPreference } from './alert-preference.entity';

@Injectable()
export class AlertPreferencesRepository {
  private readonly preferences: Repository<AlertPreference>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.preferences = dataSource.getRepository(AlertPreference);
  }

  /** The repository on a data source of its own (the CLI). */
  static over(dataSource: DataSource): AlertPreferencesRepository {
    return new AlertPreferencesRepository(dataSource);
  }

  /** Whether the user gets the weekly digest (yes until they turn it off). */
  async weeklyDigest(userId: string): Promise<boolean> {
    return (await this.preferences.findOneBy({ userId }))?.weeklyDigest ?? true;
  }

  /** Ids of the users who turned the digest off. */
  async optedOut(): Promise<Set<string>> {
    return new Set((await this.preferences.findBy({ weeklyDigest: false })).map((p) => p.userId));
  }

  async setWeeklyDigest(userId: string, weeklyDigest: boolean): Promise<void> {
    await this.preferences.upsert({ userId, weeklyDigest, updatedAt: new Date() }, { conflictPaths: ['userId'] });
  }
}
