import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { requireRole } from '../guards';
import { signedInRoute } from './base';

// Teacher assignments: list, wizard, results, editor.
export const assignmentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('../routes/assignments/assignment-pages'), 'AssignmentListPage'),
});

export const newAssignmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments/new',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('../routes/assignments/assignment-pages'), 'NewAssignmentPage'),
});

export const assignmentResultsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments/$assignmentId',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('../routes/assignments/assignment-pages'), 'AssignmentResultsPage'),
});

export const editAssignmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/teacher/assignments/$assignmentId/edit',
  beforeLoad: requireRole('teacher'),
  component: lazyRouteComponent(() => import('../routes/assignments/assignment-pages'), 'EditAssignmentPage'),
});
