import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { AuditService } from '../modules/audit/audit.service';
import type { AuthUser } from './auth.decorators';

export interface CsvTable {
  /** File name without extension. */
  name: string;
  header: string[];
  rows: (string | number | boolean | null)[][];
}

const CSV_EXPORT = 'pcsp:csv-export';

/** With `?format=csv` the handler's answer is flattened by `flatten` and sent as a CSV download (and the export audited). */
export const CsvExport = <T>(flatten: (result: T) => CsvTable): MethodDecorator => SetMetadata(CSV_EXPORT, flatten);

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  // Quote anything CSV-special; prefix cells a spreadsheet would run as a formula (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: CsvTable): string {
  return [table.header, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

@Injectable()
export class CsvExportInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const flatten = this.reflector.get<((result: unknown) => CsvTable) | undefined>(CSV_EXPORT, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (!flatten || (request.query as Record<string, unknown>).format !== 'csv') return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          (async () => {
            const table = flatten(result);
            if (request.user) await this.audit.record('export', request.user, request.url, request.ip);
            void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${table.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv"`);
            return toCsv(table);
          })(),
        ),
      ),
    );
  }
}
