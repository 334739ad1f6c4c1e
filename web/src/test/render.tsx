import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement } from 'react';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { AppProviders } from '../app/App';
import { createQueryClient } from '../app/queryClient';
import { routes } from '../app/routes';

/** The app's QueryClient defaults, minus retries and caching across tests. */
export function createTestQueryClient() {
  const client = createQueryClient();
  client.setDefaultOptions({
    ...client.getDefaultOptions(),
    queries: { ...client.getDefaultOptions().queries, retry: false, gcTime: Infinity },
  });
  return client;
}

/** Renders the whole app (layout, nav, lazy pages) at `path`, as a user opening that URL. */
export function renderApp(path = '/') {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, queryClient, router };
}

/** Renders one element with every provider and a router at `path`. */
export function renderWithProviders(
  ui: ReactElement,
  { path = '/', ...options }: { path?: string } & Omit<RenderOptions, 'wrapper'> = {},
) {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [path] });
  const result = render(
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
    options,
  );
  return { ...result, queryClient, router };
}
