import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '../../common/auth.decorators';

export const SESSION_OPTIONAL = 'pcsp:session-optional';

/**
 * The route answers without a session too, for asking whether there is one: no cookie, or one whose session has
 * ended, reaches the handler with no user. A bearer token is still checked as everywhere else.
 */
export const SessionOptional = (): MethodDecorator => SetMetadata(SESSION_OPTIONAL, true);

/** The signed-in user, or undefined on a @SessionOptional() route when nobody is. */
export const OptionalUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser | undefined => {
  return context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
});
