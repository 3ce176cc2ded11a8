import { getRouteApi } from '@tanstack/react-router';

import { AssignmentPlayerPage } from '@/features/student-assignments/components/assignment-player-page';
import { AssignmentResultsPage } from '@/features/student-assignments/components/assignment-results-page';

export { StudentAssignmentsDashboard as StudentHomePage } from '@/features/student-assignments/components/student-dashboard';

const playerRoute = getRouteApi('/signed-in/student/assignments/$assignmentId');
const resultsRoute = getRouteApi('/signed-in/student/assignments/$assignmentId/results');

export function StudentAssignmentPage() {
  const { assignmentId } = playerRoute.useParams();
  // Keyed so that opening another assignment starts from a clean player.
  return <AssignmentPlayerPage key={assignmentId} assignmentId={assignmentId} />;
}

export function StudentResultsPage() {
  const { assignmentId } = resultsRoute.useParams();
  return <AssignmentResultsPage key={assignmentId} assignmentId={assignmentId} />;
}
