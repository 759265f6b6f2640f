import { PageLimit, PageOffset } from '../../../common/page-query.decorators';
import { IsIn, IsOptional } from 'class-validator';
import type { AuditAction } from '../../../contract/audit.contract';

export const AUDIT_ACTIONS: readonly AuditAction[] = ['login', 'login_failed', 'logout', 'export', 'import', 'refresh', 'user_created', 'user_disabled', 'token_created', 'target_set', 'target_deleted'];

export class AuditQueryDto {
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  @PageLimit(500)
  limit: number = 100;

  @PageOffset()
  offset: number = 0;
}
