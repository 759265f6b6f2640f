import { InitialSchema1795426972561 } from './1795426972561-InitialSchema';

/** Every migration in order; the data source runs them (never `synchronize`). */
export const MIGRATIONS = [InitialSchema1795426972561];
