// Each role's home, the student's assignments, settings and notifications.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { HOME_PATH_BY_ROLE, requireRole } from '../guards';
import { signedInRoute } from './base';

export const adminRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.admin,
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(() => import('../dashboards/admin-dashboard'), 'AdminDashboard'),
});

export const publisherRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.publisher,
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(
    () => import('../dashboards/publisher-dashboard'),
    'PublisherDashboard',
  ),
});

export const teacherRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.teacher,
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('../dashboards/teacher-dashboard'), 'TeacherDashboard'),
});

export const studentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: HOME_PATH_BY_ROLE.student,
  beforeLoad: requireRole('student'),
  component: lazyRouteComponent(() => import('../routes/student/student-pages'), 'StudentHomePage'),
});

// A student's assignment: the player, then the results.
export const studentAssignmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/student/assignments/$assignmentId',
  beforeLoad: requireRole('student'),
  component: lazyRouteComponent(() => import('../routes/student/student-pages'), 'StudentAssignmentPage'),
});

export const studentResultsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/student/assignments/$assignmentId/results',
  beforeLoad: requireRole('student'),
  component: lazyRouteComponent(() => import('../routes/student/student-pages'), 'StudentResultsPage'),
});

export const settingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('@/features/settings/components/settings-page'), 'SettingsPage'),
});

// Every role's notifications (the header's bell leads here).
export const notificationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/notifications',
  component: lazyRouteComponent(
    () => import('@/features/notifications/components/notifications-page'),
    'NotificationsPage',
  ),
});
