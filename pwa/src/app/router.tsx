import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type RouterHistory,
  redirect,
} from '@tanstack/react-router';

import { currentUser } from '@/shared/session/session';

import {
  HOME_PATH_BY_ROLE,
  redirectSignedInUserHome,
  requireRole,
  requireSignedIn,
  safeRedirectTarget,
} from './guards';
import { ErrorPage } from './routes/error-page';
import { LoginPage } from './routes/login-page';
import { NotFound } from './routes/not-found';
import { RootLayout } from './routes/root-layout';

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
  errorComponent: ErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    const me = currentUser();
    throw me ? redirect({ to: HOME_PATH_BY_ROLE[me.role] }) : redirect({ to: '/login', search: { redirect: undefined } });
  },
});

const loginRoute = createRoute({
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
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: requireSignedIn,
  component: lazyRouteComponent(() => import('./routes/app-shell'), 'AppShell'),
});

const adminRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.admin,
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('@/features/dashboard/components/admin-dashboard'), 'AdminDashboard'),
});

const publisherRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.publisher,
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(
    () => import('@/features/dashboard/components/publisher-dashboard'),
    'PublisherDashboard',
  ),
});

const teacherRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.teacher,
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('@/features/dashboard/components/teacher-dashboard'), 'TeacherDashboard'),
});

const studentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.student,
  beforeLoad: requireRole('student'),
  component: lazyRouteComponent(() => import('@/features/dashboard/components/student-dashboard'), 'StudentDashboard'),
});

const settingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('@/features/settings/components/settings-page'), 'SettingsPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  signedInRoute.addChildren([adminRoute, publisherRoute, teacherRoute, studentRoute, settingsRoute]),
]);

export function createAppRouter(context: RouterContext, history?: RouterHistory) {
  return createRouter({ routeTree, context, history, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
