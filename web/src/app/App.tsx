import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { createQueryClient } from './queryClient';
import { routes } from './routes';
import { redirectToSignIn } from './signIn';

/** Providers shared by the app and by src/test/render.tsx, so tests see what users get. */
export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function createApp() {
  const router = createBrowserRouter(routes);
  const client = createQueryClient({ onUnauthenticated: () => redirectToSignIn(router, client) });
  return { router, client };
}

export function App() {
  const [{ client, router }] = useState(createApp);
  return (
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
