import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { useFiringAlertCount } from '../hooks/useAlerts';
import { useNonEmptyDlqCount } from '../hooks/useDlqs';
import { useEventStream } from '../hooks/useEventStream';
import { useGlobalParams } from '../hooks/useGlobalParams';
import { useSignInRedirect } from '../hooks/useSignInRedirect';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { PageSkeleton } from './Skeleton';

export function Layout() {
  // Opened once here: one stream per tab feeds every page's cache.
  const stream = useEventStream();
  useSignInRedirect();
  const { cluster } = useGlobalParams();
  const nonEmptyDlqs = useNonEmptyDlqCount(cluster);
  const firingAlerts = useFiringAlertCount(cluster);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <NavRail counts={{ '/dlqs': nonEmptyDlqs, '/alerts': firingAlerts }} />
      <Header stream={stream} />
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
