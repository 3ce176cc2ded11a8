import { RoleDashboard } from './role-dashboard';

export function AdminDashboard() {
  return <RoleDashboard role="admin" />;
}
