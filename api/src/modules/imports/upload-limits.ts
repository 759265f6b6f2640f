/**
 * What one upload may hold. Largest file: a national extract's biggest CSV is a few gigabytes. Read
 * when the module starts (tests lower them before creating the app).
 */
export const UPLOAD_LIMITS = { fileBytes: 20 * 1024 ** 3, files: 20 };

/** Route config key of a route that takes multipart/form-data only (see ImportsModule's hook). */
export const MULTIPART_ROUTE = 'multipartOnly';

declare module 'fastify' {
  interface FastifyContextConfig {
    [MULTIPART_ROUTE]?: boolean;
  }
}

/** A size as a person reads it: 20 GB, 512 KB (in units of 1,024), or bytes. */
export function sizeInWords(bytes: number): string {
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}
