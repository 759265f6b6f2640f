import { ToInteger } from '../../../common/to-integer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { AuditAction } from '../../../contract/audit.contract';

export const AUDIT_ACTIONS: readonly AuditAction[] = ['login', 'login_failed', 'logout', 'export', 'import', 'refresh', 'user_created', 'user_disabled', 'token_created', 'target_set', 'target_deleted'];

export class AuditQueryDto {
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit: number = 100;

  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'offset must be a whole number ≥ 0' })
  @Min(0, { message: 'offset must be a whole number ≥ 0' })
  offset: number = 0;
}
