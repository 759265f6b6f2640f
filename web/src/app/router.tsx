import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { Loading } from '../components/query-state';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage } from './layout/not-found-page';
import { RequireSession } from './require-session';

// Each page is its own chunk: the first page loads only what it draws.
function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Loading what="the page" />}>
      <Page />
    </Suspense>
  );
}

const OverviewPage = () => import('../features/overview/components/overview-page').then((m) => ({ default: m.OverviewPage }));
const ComparePage = () => import('../features/compare/components/compare-page').then((m) => ({ default: m.ComparePage }));
const GroupsPage = () => import('../features/groups/components/groups-page').then((m) => ({ default: m.GroupsPage }));
const ReportCardPage = () => import('../features/organisation/components/report-card-page').then((m) => ({ default: m.ReportCardPage }));
const InequalitiesPage = () => import('../features/inequalities/components/inequalities-page').then((m) => ({ default: m.InequalitiesPage }));
const OutcomesPage = () => import('../features/outcomes/components/outcomes-page').then((m) => ({ default: m.OutcomesPage }));
const DataPage = () => import('../features/data/components/data-page').then((m) => ({ default: m.DataPage }));
const EvaluationPage = () => import('../features/evaluation/components/evaluation-page').then((m) => ({ default: m.EvaluationPage }));
const TargetsPage = () => import('../features/targets/components/targets-page').then((m) => ({ default: m.TargetsPage }));
const AlertsPage = () => import('../features/alerts/components/alerts-page').then((m) => ({ default: m.AlertsPage }));
const MethodologyPage = () => import('../features/methodology/components/methodology-page').then((m) => ({ default: m.MethodologyPage }));

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: <RequireSession />,
        children: [
          { path: '/', element: page(OverviewPage) },
          { path: '/compare', element: page(ComparePage) },
          { path: '/groups', element: page(GroupsPage) },
          { path: '/org/:code', element: page(ReportCardPage) },
          { path: '/inequalities', element: page(InequalitiesPage) },
          { path: '/outcomes', element: page(OutcomesPage) },
          { path: '/evaluation', element: page(EvaluationPage) },
          { path: '/targets', element: page(TargetsPage) },
          { path: '/alerts', element: page(AlertsPage) },
          { path: '/data', element: page(DataPage) },
          { path: '/methodology', element: page(MethodologyPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
