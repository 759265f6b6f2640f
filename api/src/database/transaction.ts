import type { EntityManager } from 'typeorm';

/**
 * An open database transaction, handed by a service to its repository so that a change and its audit entry are
 * written together (AuditService.change). Services pass it on without looking inside.
 */
export type Transaction = EntityManager;
