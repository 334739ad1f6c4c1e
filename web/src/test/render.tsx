import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement } from 'react';
import { RouterProvider, createMemoryRouter, type RouteObject } from 'react-router-dom';
import { AppProviders } from '../app/App';
import { createQueryClient, type QueryClientHooks } from '../app/queryClient';
import { routes } from '../app/routes';
import { redirectToSignIn } from '../app/signIn';

/** The app's QueryClient defaults, minus retries and caching across tests. */
export function createTestQueryClient(hooks: QueryClientHooks = {}) {
  const client = createQueryClient(hooks);
  client.setDefaultOptions({
    ...client.getDefaultOptions(),
    queries: { ...client.getDefaultOptions().queries, retry: false, gcTime: Infinity },
  });
  return client;
}

/** A memory router and a QueryClient wired like App: a 401 anywhere redirects to sign in. */
function renderRoutes(routeList: RouteObject[], path: string, options: RenderOptions = {}) {
  const router = createMemoryRouter(routeList, { initialEntries: [path] });
  const queryClient = createTestQueryClient({
    onUnauthenticated: () => redirectToSignIn(router, queryClient),
  });
  const result = render(
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
    options,
  );
  return { ...result, queryClient, router };
}

/** Renders the whole app (layout, nav, lazy pages) at `path`, as a user opening that URL. */
export function renderApp(path = '/') {
  return renderRoutes(routes, path);
}

/** Renders one element with every provider and a router at `path`. */
export function renderWithProviders(
  ui: ReactElement,
  { path = '/', ...options }: { path?: string } & Omit<RenderOptions, 'wrapper'> = {},
) {
  return renderRoutes([{ path: '*', element: ui }], path, options);
}
