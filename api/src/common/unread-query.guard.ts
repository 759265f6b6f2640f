import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem';

/**
 * Refuses query parameters sent to a route that reads none (`GET /api/users?role=admin`): a mistyped or unsupported
 * filter would otherwise be ignored and its answer taken as filtered. Routes that read their query validate it with
 * a DTO, which refuses unknown names itself (createValidationPipe).
 */
@Injectable()
export class UnreadQueryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const names = Object.keys((context.switchToHttp().getRequest<FastifyRequest>().query as Record<string, unknown> | undefined) ?? {});
    if (names.length === 0) return true;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, unknown>;
    if (Object.keys(args).some((key) => Number(key.split(':')[0]) === RouteParamtypes.QUERY)) return true;
    const errors = names.map((parameter) => ({ parameter, message: `${parameter} is not a parameter of this request` }));
    throw new ProblemException(400, errors.map((e) => e.message).join('; '), errors);
  }
}
