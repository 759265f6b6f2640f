import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../contract/auth.contract';
import { IS_PUBLIC, REQUIRED_ROLES, type AuthUser } from '../../common/auth.decorators';
import { forbidden, unauthorized } from '../../common/problem';
import { HealthController } from '../health/health.controller';
import { AuthService } from './auth.service';
import { SESSION_OPTIONAL } from './optional-session.decorator';
import { SessionCookie } from './session-cookie';

/** Liveness and readiness answer without signing in (orchestrators probe them); declared here, not in the health module, which is not ours. */
const PUBLIC_CONTROLLERS: readonly unknown[] = [HealthController];

/**
 * Every route needs a session cookie or a bearer token unless it is @Public() (or @SessionOptional(),
 * where no cookie or an ended session means nobody is signed in); @Roles() narrows it further. What a signed-in user may see inside a route is decided by the scope (orgs module).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly cookie: SessionCookie,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || PUBLIC_CONTROLLERS.includes(context.getClass())) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
      request.user = await this.auth.authenticate(match[1], 'bearer');
    } else {
      const secret = this.cookie.read(request);
      if (this.reflector.getAllAndOverride<boolean>(SESSION_OPTIONAL, targets)) {
        request.user = secret ? await this.auth.findUser(secret, 'cookie') : undefined;
        return true;
      }
      if (!secret) throw unauthorized('Sign in first: send the session cookie or an Authorization: Bearer token.');
      request.user = await this.auth.authenticate(secret, 'cookie');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(request.user.role)) throw forbidden(`Only ${roles.join(' or ')} users may do this.`);
    return true;
  }
}
