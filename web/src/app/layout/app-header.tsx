import type { Session } from '@pcsp/contract/auth.contract';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../lib/api-client';
import { defaultArea } from '../../lib/default-area';
import { formatRole } from '../../lib/format';
import { queryKeys } from '../../lib/queries';
import { HeaderNavigation } from './header-navigation';

const NHS_LOGO_PATH =
  'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

interface NavItem {
  to: string;
  label: string;
  /** The path this item stands for (its pages are this path and below). */
  section: string;
  end?: boolean;
}

export function navigationFor(session: Session): NavItem[] {
  const ownArea = defaultArea(session);
  return [
    { to: '/', section: '/', label: 'Overview', end: true },
    // Every role: GET /alerts has no @Roles and filters by what the user may see.
    { to: '/alerts', section: '/alerts', label: 'Alerts' },
    { to: '/compare', section: '/compare', label: 'Compare practices' },
    { to: '/targets', section: '/targets', label: 'Targets' },
    { to: `/org/${encodeURIComponent(ownArea)}`, section: '/org', label: session.user.role === 'practice' ? 'Your practice' : 'Report card' },
    { to: '/inequalities', section: '/inequalities', label: 'Inequalities' },
    { to: '/outcomes', section: '/outcomes', label: 'Outcomes' },
    { to: '/evaluation', section: '/evaluation', label: 'Training' },
    { to: '/groups', section: '/groups', label: 'Groups' },
    { to: '/data', section: '/data', label: 'Data' },
    { to: '/methodology', section: '/methodology', label: 'Methodology' },
  ];
}

/** The NHS header: logo and service name, the signed-in user (name, role, area) and the navigation. */
export function AppHeader({ session }: { session: Session | null }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      navigate('/sign-in');
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
      queryClient.setQueryData(queryKeys.session, null);
    }
  };
  const areaNames = session ? (session.areas.length ? session.areas.map((a) => a.name).join(', ') : 'England') : '';

  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <a className="nhsuk-header__service-logo" href="/" aria-label="NHS PCSP Insights homepage">
            <svg className="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS">
              <title>NHS</title>
              <path fill="currentcolor" d={NHS_LOGO_PATH} />
            </svg>
            <span className="nhsuk-header__service-name">PCSP Insights</span>
          </a>
        </div>
        {session && (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item" data-testid="signed-in-user">
                <span className="app-user">
                  {session.user.name}
                  <span className="nhsuk-u-visually-hidden">,</span> · {formatRole(session.user.role)}
                  <span className="nhsuk-u-visually-hidden">,</span> · {areaNames}
                </span>
              </li>
              <li className="nhsuk-header__account-item">
                <button type="button" className="nhsuk-header__account-button" onClick={() => void signOut()}>
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        )}
      </div>
      {session && (
        <HeaderNavigation
          items={navigationFor(session).map((item) => ({
            to: item.to,
            label: item.label,
            current: item.end ? pathname === item.to : pathname === item.section || pathname.startsWith(`${item.section}/`),
          }))}
        />
      )}
    </header>
  );
}
