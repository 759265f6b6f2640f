import { Outlet } from 'react-router-dom';
import { useSession } from '../../lib/queries';
import { AppHeader } from './app-header';

/** Skip link, NHS header, the page, NHS footer. */
export function AppLayout() {
  const session = useSession();
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <AppHeader session={session.data ?? null} />
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <footer className="nhsuk-footer" role="contentinfo">
        <div className="nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <p className="nhsuk-body-s">
              PCSP Insights: personalised care and support planning for people with long-term conditions. Figures are
              from the latest snapshot; small numbers are suppressed.
            </p>
            <p className="nhsuk-footer__copyright">© NHS England</p>
          </div>
        </div>
      </footer>
    </>
  );
}
