import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Client-side routes (/compare, /practice/A81001 …) are not files: a GET outside /api that
 * matches nothing gets the dashboard shell, and the browser's router takes it from there.
 * Unknown /api routes stay 404 problems.
 */
@Catch(NotFoundException)
export class DashboardFallbackFilter implements ExceptionFilter {
  constructor(private readonly dashboardBuilt: boolean) {}

  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (this.dashboardBuilt && request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api') {
      void reply.type('text/html').sendFile('index.html');
      return;
    }
    void reply
      .code(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: exception.message });
  }
}
