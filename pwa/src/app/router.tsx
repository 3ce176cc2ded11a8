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
  requireAnyRole,
  requireRole,
  requireSignedIn,
  safeRedirectTarget,
} from './guards';
import { bookPageSearch } from './routes/book-page-search';
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
  component: lazyRouteComponent(() => import('./dashboards/admin-dashboard'), 'AdminDashboard'),
});

const publisherRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.publisher,
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(
    () => import('./dashboards/publisher-dashboard'),
    'PublisherDashboard',
  ),
});

const teacherRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.teacher,
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('./dashboards/teacher-dashboard'), 'TeacherDashboard'),
});

const studentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.student,
  beforeLoad: requireRole('student'),
  component: lazyRouteComponent(() => import('./routes/student/student-pages'), 'StudentHomePage'),
});

// A student's assignment: the player, then the results.
const studentAssignmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/student/assignments/$assignmentId',
  beforeLoad: requireRole('student'),
  component: lazyRouteComponent(() => import('./routes/student/student-pages'), 'StudentAssignmentPage'),
});

const studentResultsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/student/assignments/$assignmentId/results',
  beforeLoad: requireRole('student'),
  component: lazyRouteComponent(() => import('./routes/student/student-pages'), 'StudentResultsPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('@/features/settings/components/settings-page'), 'SettingsPage'),
});

// Every role's notifications (the header's bell leads here).
const notificationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/notifications',
  component: lazyRouteComponent(
    () => import('@/features/notifications/components/notifications-page'),
    'NotificationsPage',
  ),
});

// The book catalogue and viewer, for every role that sees books (the server decides which books).
const booksRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/books',
  component: lazyRouteComponent(() => import('@/features/books/components/book-catalogue'), 'BookCatalogue'),
});

const bookViewerRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/books/$bookId',
  validateSearch: (search: Record<string, unknown>): { page: number } => ({ page: bookPageSearch(search.page) }),
  component: lazyRouteComponent(() => import('./routes/book-viewer-route'), 'BookViewerRoute'),
});

// Teacher preview of a book's activities (the books feature's catalogue links here).
const requirePreviewRole = requireAnyRole('teacher', 'publisher', 'admin');

const previewBooksRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/preview/books',
  beforeLoad: requirePreviewRole,
  component: lazyRouteComponent(() => import('./routes/preview/books-page'), 'PreviewBooksPage'),
});

const previewBookRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/preview/books/$bookId',
  beforeLoad: requirePreviewRole,
  component: lazyRouteComponent(() => import('./routes/preview/book-page'), 'PreviewBookPage'),
});

const previewActivityRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/preview/activities/$activityId',
  beforeLoad: requirePreviewRole,
  component: lazyRouteComponent(() => import('./routes/preview/activity-page'), 'PreviewActivityPage'),
});

// Teacher assignments: list, wizard, results, editor.
const assignmentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('./routes/assignments/assignment-pages'), 'AssignmentListPage'),
});

const newAssignmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments/new',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('./routes/assignments/assignment-pages'), 'NewAssignmentPage'),
});

const assignmentResultsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments/$assignmentId',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('./routes/assignments/assignment-pages'), 'AssignmentResultsPage'),
});

const editAssignmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments/$assignmentId/edit',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('./routes/assignments/assignment-pages'), 'EditAssignmentPage'),
});

// Organisations (issue 4): admin, publisher and teacher screens, and the bulk-import wizard.
const orgPages = () => import('./routes/orgs/org-pages');

const adminPublishersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/publishers',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'PublishersPage'),
});

const adminSchoolsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/schools',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'SchoolsPage'),
});

const adminUsersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/users',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'UsersPage'),
});

const adminAuditLogRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/audit-log',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'AuditLogPage'),
});

const adminImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/import',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'AdminImportPage'),
});

const publisherSchoolsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/publisher/schools',
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(orgPages, 'MySchoolsPage'),
});

const publisherTeachersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/publisher/teachers',
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(orgPages, 'MyTeachersPage'),
});

const publisherImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/publisher/import',
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(orgPages, 'PublisherImportPage'),
});

const teacherStudentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/students',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'StudentsPage'),
});

const teacherClassesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/classes',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'ClassesPage'),
});

const teacherClassRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/classes/$classId',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'ClassRoutePage'),
});

const teacherImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/import',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'TeacherImportPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  signedInRoute.addChildren([
    adminRoute,
    publisherRoute,
    teacherRoute,
    studentRoute,
    studentAssignmentRoute,
    studentResultsRoute,
    settingsRoute,
    notificationsRoute,
    booksRoute,
    bookViewerRoute,
    previewBooksRoute,
    previewBookRoute,
    previewActivityRoute,
    assignmentsRoute,
    newAssignmentRoute,
    assignmentResultsRoute,
    editAssignmentRoute,
    adminPublishersRoute,
    adminSchoolsRoute,
    adminUsersRoute,
    adminAuditLogRoute,
    adminImportRoute,
    publisherSchoolsRoute,
    publisherTeachersRoute,
    publisherImportRoute,
    teacherStudentsRoute,
    teacherClassesRoute,
    teacherClassRoute,
    teacherImportRoute,
  ]),
]);

export function createAppRouter(context: RouterContext, history?: RouterHistory) {
  return createRouter({ routeTree, context, history, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
