export type AuditAction = 'login' | 'login_failed' | 'logout' | 'export' | 'import' | 'refresh' | 'user_created' | 'user_disabled' | 'token_created' | 'target_set' | 'target_deleted';

export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  /** The user's id (null for a failed login of an unknown email, and for what the server does by itself). */
  userId: string | null;
  /**
   * The user's email; for what the server does by itself (userId and ip null), what asked for it: ENGINE_UPGRADE_REQUESTER
   * for the refresh a server starts on a snapshot built by another engine.
   */
  email: string | null;
  /**
   * What was exported, imported or refreshed, e.g. the path and query of a CSV export; 'snapshot refresh' for a refresh,
   * and for the server's own refresh at an engine upgrade the versions it goes from and to, e.g.
   * 'snapshot refresh: engine version 1 → 2, DuckDB v1.4.0 → v1.5.6' ('not recorded' for a version a snapshot lacks).
   */
  target: string | null;
  ip: string | null;
}

/** `GET /api/audit?action=&limit=&offset=` (admin only), newest first. */
export interface AuditList {
  total: number;
  offset: number;
  limit: number;
  entries: AuditEntry[];
}
