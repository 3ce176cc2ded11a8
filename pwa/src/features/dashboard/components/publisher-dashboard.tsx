import { RoleDashboard } from './role-dashboard';

export function PublisherDashboard() {
  return <RoleDashboard role="publisher" />;
}
