import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { UserAccount } from '../users/user.entity';
import { SessionRecord } from './session.entity';

export interface LiveSession {
  session: SessionRecord;
  user: UserAccount;
}

@Injectable()
export class SessionsRepository {
  private readonly sessions: Repository<SessionRecord>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.sessions = dataSource.getRepository(SessionRecord);
  }

  async add(session: Pick<SessionRecord, 'secretHash' | 'publicId' | 'userId' | 'kind' | 'name' | 'expiresAt'>): Promise<void> {
    await this.sessions.insert(session);
  }

  /** The unexpired session of this secret hash with its user, or undefined. */
  async findLive(secretHash: string, now: Date): Promise<LiveSession | undefined> {
    const session = await this.sessions
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .where('s.secret_hash = :secretHash AND s.expires_at > :now', { secretHash, now })
      .getOne();
    return session?.user ? { session, user: session.user } : undefined;
  }

  async remove(secretHash: string): Promise<void> {
    await this.sessions.delete({ secretHash });
  }
}
