import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SESSION_COOKIE, SESSION_HOURS } from './auth.service';

/** The session cookie: httpOnly, SameSite=Strict, Secure outside development, for the whole site. */
@Injectable()
export class SessionCookie {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  read(request: FastifyRequest): string | undefined {
    return request.cookies?.[SESSION_COOKIE] || undefined;
  }

  set<T>(reply: FastifyReply, secret: string, result: T): T {
    void reply.setCookie(SESSION_COOKIE, secret, { ...this.options(), maxAge: SESSION_HOURS * 3600 });
    return result;
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, this.options());
  }

  private options() {
    return { httpOnly: true, sameSite: 'strict' as const, secure: this.config.nodeEnv !== 'development', path: '/' };
  }
}
