import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { useEventStream } from '../hooks/useEventStream';
import { useSignInRedirect } from '../hooks/useSignInRedirect';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { PageSkeleton } from './Skeleton';

export function Layout() {
  // Opened once here: one stream per tab feeds every page's cache.
  const stream = useEventStream();
  useSignInRedirect();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <NavRail />
      <Header stream={stream} />
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
