import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorMessage, Loading } from '../components/query-state';
import { useSession } from '../lib/queries';

/** Pages behind sign-in: without a session the user is sent to sign in, and back afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading what="your session" />;
  if (session.isError) return <ErrorMessage error={session.error} title="PCSP Insights is not available" />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <Outlet />;
}
