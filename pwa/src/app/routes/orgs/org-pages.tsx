import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import { ImportWizard } from '@/features/imports/components/import-wizard';
import type { ImportTarget } from '@/features/imports/lib/types';
import { ClassPage } from '@/features/teacher-students/components/class-page';
import { PageHeader } from '@/shared/ui/list-controls';

export { AuditLogPage } from '@/features/admin-orgs/components/audit-log-page';
export { PublishersPage } from '@/features/admin-orgs/components/publishers-page';
export { SchoolsPage } from '@/features/admin-orgs/components/schools-page';
export { UsersPage } from '@/features/admin-orgs/components/users-page';
export { MySchoolsPage } from '@/features/publisher-orgs/components/my-schools-page';
export { MyTeachersPage } from '@/features/publisher-orgs/components/my-teachers-page';
export { ClassesPage } from '@/features/teacher-students/components/classes-page';
export { StudentsPage } from '@/features/teacher-students/components/students-page';

const classRoute = getRouteApi('/signed-in/teacher/classes/$classId');

export function ClassRoutePage() {
  const { classId } = classRoute.useParams();
  return <ClassPage classId={classId} />;
}

const ADMIN_TARGETS: ImportTarget[] = [
  { kind: 'teachers', uploadPath: '/api/v1/admin/bulk-import', extraFields: { kind: 'teachers' } },
  { kind: 'publishers', uploadPath: '/api/v1/admin/bulk-import', extraFields: { kind: 'publishers' } },
  { kind: 'schools', uploadPath: '/api/v1/admin/bulk-import', extraFields: { kind: 'schools' } },
];
const PUBLISHER_TARGETS: ImportTarget[] = [{ kind: 'teachers', uploadPath: '/api/v1/publishers/me/teachers/bulk-import' }];
const TEACHER_TARGETS: ImportTarget[] = [{ kind: 'students', uploadPath: '/api/v1/teachers/me/students/bulk-import' }];

function ImportPage({ targets, doneTo }: { targets: ImportTarget[]; doneTo: string }) {
  const { t } = useTranslation('orgs');
  return (
    <div className="grid gap-6">
      <PageHeader title={t('importPage.title')} description={t('importPage.intro')} />
      <ImportWizard targets={targets} doneTo={doneTo} />
    </div>
  );
}

export const AdminImportPage = () => <ImportPage targets={ADMIN_TARGETS} doneTo="/admin/schools" />;
export const PublisherImportPage = () => <ImportPage targets={PUBLISHER_TARGETS} doneTo="/publisher/teachers" />;
export const TeacherImportPage = () => <ImportPage targets={TEACHER_TARGETS} doneTo="/teacher/classes" />;
