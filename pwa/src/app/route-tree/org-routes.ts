import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { requireRole } from '../guards';
import { signedInRoute } from './base';

// Organisations (issue 4): admin, publisher and teacher screens, and the bulk-import wizard.
const orgPages = () => import('../routes/orgs/org-pages');

export const adminPublishersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/publishers',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'PublishersPage'),
});

export const adminSchoolsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/schools',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'SchoolsPage'),
});

export const adminUsersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/users',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'UsersPage'),
});

export const adminAuditLogRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/audit-log',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'AuditLogPage'),
});

export const adminImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/import',
  beforeLoad: requireRole('admin'),
  component: lazyRouteComponent(orgPages, 'AdminImportPage'),
});

export const publisherSchoolsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/publisher/schools',
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(orgPages, 'MySchoolsPage'),
});

export const publisherTeachersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/publisher/teachers',
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(orgPages, 'MyTeachersPage'),
});

export const publisherImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/publisher/import',
  beforeLoad: requireRole('publisher'),
  component: lazyRouteComponent(orgPages, 'PublisherImportPage'),
});

export const teacherStudentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/students',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'StudentsPage'),
});

export const teacherClassesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/classes',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'ClassesPage'),
});

export const teacherClassRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/classes/$classId',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'ClassRoutePage'),
});

export const teacherImportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/import',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(orgPages, 'TeacherImportPage'),
});
