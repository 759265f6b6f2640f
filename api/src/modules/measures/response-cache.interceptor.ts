import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, map, mergeMap, of, type Observable } from 'rxjs';
import type { AuthUser } from '../../common/auth.decorators';
import { OrgsService } from '../orgs/orgs.service';
import { SnapshotService } from '../snapshot/snapshot.service';

/** About 64 MB of answers (JSON text) at most; a national comparison of every practice is about 2 MB. */
export const RESPONSE_CACHE_CHARS = 64 * 1024 * 1024;

/**
 * Answers of the figures endpoints and of the organisation lists, as the JSON sent, kept per snapshot file, user scope and URL,
 * least recently used first out and bounded by their total length. A snapshot is immutable and the
 * answers depend only on it, on what the user may see (AccessScope.key: role, area, own practice) and on
 * the URL, so a dashboard's next page, or a colleague with the same area, is answered without reading or
 * computing again; a refresh (a new file) empties it. Not kept: CSV exports (each is audited) and anything
 * naming a group (groups are edited, and who may see one is decided per user, not by scope).
 */
export class ResponseCache {
  private readonly answers = new Map<string, string>();
  private chars = 0;
  private file = '';

  constructor(readonly maxChars: number = RESPONSE_CACHE_CHARS) {}

  get size(): number {
    return this.answers.size;
  }

  /** The answer kept for `key` on the snapshot `file` (it becomes the most recently used), if any. */
  get(file: string, key: string): string | undefined {
    if (file !== this.file) return undefined;
    const hit = this.answers.get(key);
    if (hit !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, hit);
    }
    return hit;
  }

  set(file: string, key: string, json: string): void {
    if (file !== this.file) {
      this.answers.clear();
      this.chars = 0;
      this.file = file;
    }
    // An answer bigger than a tenth of the cache is not kept (it would evict many others).
    if (json.length > this.maxChars / 10) return;
    const old = this.answers.get(key);
    if (old !== undefined) this.chars -= old.length;
    this.answers.delete(key);
    this.answers.set(key, json);
    this.chars += json.length;
    for (const [oldest, answer] of this.answers) {
      if (this.chars <= this.maxChars) break;
      this.answers.delete(oldest);
      this.chars -= answer.length;
    }
  }
}

/** Serves the figures endpoints and organisation lists from a ResponseCache (see there for what is kept and why). */
@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  private readonly cache = new ResponseCache();

  constructor(
    private readonly snapshot: SnapshotService,
    private readonly orgs: OrgsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const query = request.query as Record<string, unknown>;
    if (request.method !== 'GET' || !request.user || query.format === 'csv' || /group(:|%3a)/i.test(request.url)) return next.handle();
    const user = request.user;
    return from(this.where(user, request.url)).pipe(
      mergeMap((where) => {
        if (!where) return next.handle();
        const json = (answer: string) => {
          void reply.type('application/json; charset=utf-8');
          return answer;
        };
        const hit = this.cache.get(where.file, where.key);
        if (hit !== undefined) return of(json(hit));
        return next.handle().pipe(
          map((result: unknown) => {
            const answer = JSON.stringify(result);
            this.cache.set(where.file, where.key, answer);
            return json(answer);
          }),
        );
      }),
    );
  }

  /** The serving snapshot's file and the key of this user's scope and URL; undefined before the first snapshot (the handler answers 503). */
  private async where(user: AuthUser, url: string): Promise<{ file: string; key: string } | undefined> {
    const info = await this.snapshot.describe();
    if (!info) return undefined;
    const scope = await this.orgs.scope(user);
    return { file: info.file, key: `${scope.key}\u0000${url}` };
  }
}
