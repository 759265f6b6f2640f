import { Catch, HttpException, Logger, NotFoundException, PayloadTooLargeException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemDetails } from '../contract/problem.contract';
import { DashboardFallbackFilter } from '../dashboard-fallback.filter';
import { dashboardDir } from '../main';
import { ProblemException, titleOf } from './problem';

/**
 * Every error leaves as application/problem+json. A 404 goes through the dashboard fallback
 * (client-side routes get the shell), whichever of the two global filters Nest picks first.
 * Unexpected errors are logged and answered without their message (it may hold internals).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');
  private readonly fallback = new DashboardFallbackFilter(dashboardDir() !== undefined);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof NotFoundException) {
      this.fallback.catch(exception, host);
      return;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // An HttpException carrying a body of its own design (terminus's readiness report) keeps it.
    if (exception instanceof HttpException && !(exception instanceof ProblemException)) {
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && !('message' in body) && !('statusCode' in body)) {
        void reply.code(exception.getStatus()).header('cache-control', 'no-store').send(body);
        return;
      }
    }
    const instance = request.url.split('?')[0];
    const problem = this.toProblem(exception, instance);
    if (problem.status === 401) void reply.header('www-authenticate', 'Bearer realm="pcsp", Cookie');
    void reply.code(problem.status).type('application/problem+json').header('cache-control', 'no-store').send(problem);
  }

  private toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof ProblemException) return exception.toProblem(instance);
    if (exception instanceof ThrottlerException) {
      return { type: 'about:blank', title: titleOf(429), status: 429, detail: 'Too many attempts: wait a minute and try again.', instance };
    }
    if (exception instanceof PayloadTooLargeException) {
      return { type: 'about:blank', title: titleOf(413), status: 413, detail: 'The request body is too large.', instance };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
      return { type: 'about:blank', title: titleOf(status), status, detail, instance };
    }
    // Fastify's own errors (malformed JSON, body too large, unsupported media type) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const detail = fastifyStatus === 413 ? 'The request body is too large.' : (exception as Error).message;
      return { type: 'about:blank', title: titleOf(fastifyStatus), status: fastifyStatus, detail, instance };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { type: 'about:blank', title: titleOf(500), status: 500, detail: 'Something went wrong on the server; it has been logged.', instance };
  }
}
