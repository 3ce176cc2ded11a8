import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, type RouterHistory } from '@tanstack/react-router';
import { useEffect, useState } from 'react';

import { ApiError } from '@/shared/api/api-error';
import { session } from '@/shared/session/session';

import { createAppRouter } from './router';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        // Retrying cannot fix a refused request; it can help with a flaky connection.
        retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
      },
    },
  });
}

/** The whole app: query cache and router. `history` lets tests start at any URL. */
export function App({ history }: { history?: RouterHistory }) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter({ queryClient }, history));

  // Re-run the route guards whenever someone signs in or out (also when the server ends the session).
  useEffect(() => session.subscribe(() => void router.invalidate()), [router]);

  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
