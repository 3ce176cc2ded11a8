import { RoleDashboard } from './role-dashboard';

export function TeacherDashboard() {
  return <RoleDashboard role="teacher" />;
}
