import { InitialSchema1795426972561 } from './1795426972561-InitialSchema';
import { AuthGroupsAudit1795428930753 } from './1795428930753-AuthGroupsAudit';
import { TargetsAlerts1795433883563 } from './1795433883563-TargetsAlerts';
import { FhirImport1795436400000 } from './1795436400000-FhirImport';
import { AuditRefresh1795440000000 } from './1795440000000-AuditRefresh';
import { AuditTargets1795444000000 } from './1795444000000-AuditTargets';
import { SnapshotFirstMonth1795448000000 } from './1795448000000-SnapshotFirstMonth';

/** Every migration in order; the data source runs them (never `synchronize`). */
export const MIGRATIONS = [InitialSchema1795426972561, AuthGroupsAudit1795428930753, TargetsAlerts1795433883563, FhirImport1795436400000, AuditRefresh1795440000000, AuditTargets1795444000000, SnapshotFirstMonth1795448000000];
