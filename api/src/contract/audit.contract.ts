export type AuditAction = 'login' | 'login_failed' | 'logout' | 'export' | 'import' | 'refresh' | 'user_created' | 'user_disabled' | 'token_created' | 'target_set' | 'target_deleted';

export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  /** The user's id (null for a failed login of an unknown email). */
  userId: string | null;
  email: string | null;
  /** What was exported, imported or refreshed, e.g. the path and query of a CSV export; 'snapshot refresh' for a refresh. */
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
