import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';

import { currentUser } from '@/shared/session/session';

import { HOME_PATH_BY_ROLE, redirectSignedInUserHome, requireSignedIn, safeRedirectTarget } from '../guards';
import { ErrorPage } from '../routes/error-page';
import { LoginPage } from '../routes/login-page';
import { NotFound } from '../routes/not-found';
import { RootLayout } from '../routes/root-layout';

export type RouterContext = { queryClient: QueryClient };

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
  errorComponent: ErrorPage,
});

export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    const me = currentUser();
    throw me ? redirect({ to: HOME_PATH_BY_ROLE[me.role] }) : redirect({ to: '/login', search: { redirect: undefined } });
  },
});

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect: string | undefined } => ({
    redirect: safeRedirectTarget(search.redirect),
  }),
  beforeLoad: redirectSignedInUserHome,
  component: LoginPage,
});

// Every screen behind sign-in hangs off this pathless layout route. The shell and the screens are split
// into their own chunks so the login route loads only what it needs.
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: requireSignedIn,
  component: lazyRouteComponent(() => import('../routes/app-shell'), 'AppShell'),
});
