import { Link } from '@tanstack/react-router';
import { Pencil, Upload, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ResetPasswordAction } from '@/shared/ui/reset-password-action';
import { useListState } from '@/shared/hooks/use-list-state';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { FilterSelect, useNameAndDateSorts } from '@/shared/ui/list-controls';
import { ListPage } from '@/shared/ui/list-page';
import { PasswordDialog, type ShownPassword } from '@/shared/ui/password-dialog';
import { useActionError } from '@/shared/hooks/use-error-message';

import { useMySchools } from '../api/my-schools';
import { type MyTeacher, type MyTeacherSort, useMyTeachers, useResetTeacherPassword } from '../api/my-teachers';
import { TeacherFormDialog } from './teacher-form-dialog';

export function MyTeachersPage() {
  const { t } = useTranslation(['orgs', 'ui']);
  const list = useListState<MyTeacherSort>('name');
  const sorts = useNameAndDateSorts();
  const [schoolId, setSchoolId] = useState('');
  const teachers = useMyTeachers({ search: list.search, sort: list.sort, page: list.page, schoolId: schoolId || undefined });
  const schools = useMySchools({ sort: 'name', page: 1, perPage: 100 });
  const schoolName = new Map((schools.data?.items ?? []).map((s) => [s.id, s.name]));
  const [editing, setEditing] = useState<MyTeacher | 'new' | null>(null);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const items = teachers.data?.items ?? [];
  const resetPassword = useResetTeacherPassword();
  const { actionError, setActionError, failed } = useActionError();

  return (
    <ListPage
      title={t('teachers.title')}
      description={t('teachers.intro')}
      actions={
        <>
          <Button variant="outline" asChild>
            <Link to="/publisher/import">
              <Upload aria-hidden="true" />
              {t('teachers.import')}
            </Link>
          </Button>
          <Button onClick={() => setEditing('new')}>
            <UserPlus aria-hidden="true" />
            {t('teachers.add')}
          </Button>
        </>
      }
      actionError={actionError}
      list={list}
      searchLabel={t('teachers.search')}
      filters={
        <FilterSelect
          label={t('fields.school')}
          allLabel={t('allSchools')}
          value={schoolId}
          onChange={(value) => {
            setSchoolId(value);
            list.setPage(1);
          }}
          options={(schools.data?.items ?? []).map((school) => ({ value: school.id, label: school.name }))}
        />
      }
      sortOptions={sorts}
      query={teachers}
      emptyText={t('emptyList')}
      dialogs={
        <>
          <TeacherFormDialog
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
            teacher={editing === 'new' ? null : editing}
            onCreated={setShown}
          />
          <PasswordDialog shown={shown} onClose={() => setShown(null)} />
        </>
      }
    >
      <thead>
        <tr>
          <th scope="col">{t('fields.fullName')}</th>
          <th scope="col">{t('fields.email')}</th>
          <th scope="col">{t('fields.school')}</th>
          <th scope="col">{t('fields.subject')}</th>
          <th scope="col" className="text-right">
            {t('actions')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((teacher) => (
          <tr key={teacher.id}>
            <td className="font-medium">
              {teacher.full_name}
              {teacher.is_active ? null : <Badge className="ml-2">{t('status.inactive')}</Badge>}
            </td>
            <td>{teacher.email}</td>
            <td>{schoolName.get(teacher.school_id) ?? ''}</td>
            <td>{teacher.subject}</td>
            <td className="space-x-2 text-right">
              <ResetPasswordAction
                fullName={teacher.full_name}
                login={teacher.email ?? ''}
                reset={() => {
                  setActionError(null);
                  return resetPassword.mutateAsync(teacher.id);
                }}
                onError={failed}
              />
              <Button variant="ghost" size="icon" aria-label={t('edit', { name: teacher.full_name })} onClick={() => setEditing(teacher)}>
                <Pencil aria-hidden="true" />
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </ListPage>
  );
}
