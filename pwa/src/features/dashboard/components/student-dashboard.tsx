import { RoleDashboard } from './role-dashboard';

export function StudentDashboard() {
  return <RoleDashboard role="student" />;
}
