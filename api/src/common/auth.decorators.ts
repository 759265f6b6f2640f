import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '../contract/auth.contract';

/** The signed-in user as guards and handlers see it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  areas: string[];
  /** The session's or token's public id. */
  sessionId: string;
  via: 'cookie' | 'bearer';
  expiresAt: Date;
}

export const IS_PUBLIC = 'pcsp:public';
export const REQUIRED_ROLES = 'pcsp:roles';

/** The route answers without signing in (login, health). Every other route needs a session or token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (403 for the others). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** The signed-in user (set by the auth guard). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});

/** The client's address as Fastify saw it (for the audit log). */
export const ClientIp = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return context.switchToHttp().getRequest<{ ip: string }>().ip;
});
