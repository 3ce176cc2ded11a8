// The route tree (code-based routes, one file per area in route-tree/) and the app's router.
import { createRouter, type RouterHistory } from '@tanstack/react-router';

import {
  assignmentResultsRoute,
  assignmentsRoute,
  editAssignmentRoute,
  newAssignmentRoute,
} from './route-tree/assignment-routes';
import { indexRoute, loginRoute, rootRoute, type RouterContext, signedInRoute } from './route-tree/base';
import {
  booksRoute,
  bookViewerRoute,
  previewActivityRoute,
  previewBookRoute,
  previewBooksRoute,
} from './route-tree/book-routes';
import {
  adminRoute,
  notificationsRoute,
  publisherRoute,
  settingsRoute,
  studentAssignmentRoute,
  studentResultsRoute,
  studentRoute,
  teacherRoute,
} from './route-tree/home-routes';
import {
  adminAuditLogRoute,
  adminImportRoute,
  adminPublishersRoute,
  adminSchoolsRoute,
  adminUsersRoute,
  publisherImportRoute,
  publisherSchoolsRoute,
  publisherTeachersRoute,
  teacherClassesRoute,
  teacherClassRoute,
  teacherImportRoute,
  teacherStudentsRoute,
} from './route-tree/org-routes';

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
