import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { Layout } from '../components/Layout';
import { RouteError } from '../components/RouteError';

// Each page is its own chunk: the first paint only pays for the shell and the page it shows.
const OverviewPage = lazy(() => import('../pages/overview/OverviewPage'));
const ConsumerGroupsPage = lazy(() => import('../pages/groups/ConsumerGroupsPage'));
const GroupDetailPage = lazy(() => import('../pages/groups/GroupDetailPage'));
const TopicsPage = lazy(() => import('../pages/topics/TopicsPage'));
const TopicDetailPage = lazy(() => import('../pages/topics/TopicDetailPage'));
const DlqsPage = lazy(() => import('../pages/dlqs/DlqsPage'));
const DlqDetailPage = lazy(() => import('../pages/dlqs/DlqDetailPage'));
const TracesPage = lazy(() => import('../pages/traces/TracesPage'));
const TimelinePage = lazy(() => import('../pages/traces/TimelinePage'));
const AlertsSection = lazy(() => import('../pages/alerts/AlertsSection'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const AccessPage = lazy(() => import('../pages/settings/AccessPage'));
const SignInPage = lazy(() => import('../pages/signIn/SignInPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

/** The navigation rail is generated from this list, so a page and its link cannot drift. */
export const NAV_ITEMS = [
  { path: '/', label: 'Overview' },
  { path: '/groups', label: 'Consumer groups' },
  { path: '/topics', label: 'Topics' },
  { path: '/dlqs', label: 'DLQs' },
  { path: '/traces', label: 'Traces' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/audit', label: 'Audit' },
] as const;

export const routes: RouteObject[] = [
  {
    // Outside the shell: nothing on it may need a session.
    path: '/sign-in',
    element: (
      <Suspense fallback={null}>
        <SignInPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'groups', element: <ConsumerGroupsPage /> },
      { path: 'groups/:cluster/:group', element: <GroupDetailPage /> },
      // The api's name for the resource; links written by hand still land on the list.
      { path: 'consumer-groups', element: <Navigate to="/groups" replace /> },
      { path: 'topics', element: <TopicsPage /> },
      { path: 'topics/:cluster/:topic', element: <TopicDetailPage /> },
      { path: 'dlqs', element: <DlqsPage /> },
      { path: 'dlqs/:cluster/:topic', element: <DlqDetailPage /> },
      { path: 'traces', element: <TracesPage /> },
      { path: 'traces/:id', element: <TimelinePage /> },
      { path: 'alerts/*', element: <AlertsSection /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'settings/access', element: <AccessPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
