import { Link } from '@tanstack/react-router';
import { KeyRound, Printer, Upload, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { DeleteConfirmDialog } from '@/shared/ui/confirm-dialog';
import { RowActions, useNameAndDateSorts } from '@/shared/ui/list-controls';
import { ListPage } from '@/shared/ui/list-page';

import { type Student, type StudentSort, useDeleteStudent, useResetStudentPassword, useStudents } from '../api/students';
import { LoginCardsDialog } from './login-cards-dialog';
import { PasswordDialog, type ShownPassword } from '@/shared/ui/password-dialog';
import { useActionError } from '@/shared/hooks/use-error-message';
import { StudentFormDialog } from './student-form-dialog';

export function StudentsPage() {
  const { t } = useTranslation(['orgs', 'ui']);
  const list = useListState<StudentSort>('name');
  const sorts = useNameAndDateSorts([{ value: 'grade', label: t('sort.grade') }]);
  const students = useStudents({ search: list.search, sort: list.sort, page: list.page });
  const [editing, setEditing] = useState<Student | null | 'new'>(null);
  const [deleting, setDeleting] = useState<Student | null>(null);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cardsOpen, setCardsOpen] = useState(false);
  const { actionError, setActionError, failed } = useActionError();
  const remove = useDeleteStudent();
  const reset = useResetStudentPassword();

  const items = students.data?.items ?? [];
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allOnPageSelected = items.length > 0 && items.every((s) => selected.has(s.id));
  const togglePage = () =>
    setSelected((current) => {
      const next = new Set(current);
      for (const s of items) {
        if (allOnPageSelected) next.delete(s.id);
        else next.add(s.id);
      }
      return next;
    });


  return (
    <ListPage
      title={t('students.title')}
      description={t('students.intro')}
      actions={
        <>
          <Button variant="outline" asChild>
            <Link to="/teacher/import">
              <Upload aria-hidden="true" />
              {t('students.import')}
            </Link>
          </Button>
          <Button onClick={() => setEditing('new')}>
            <UserPlus aria-hidden="true" />
            {t('students.add')}
          </Button>
        </>
      }
      actionError={actionError}
      list={list}
      searchLabel={t('students.search')}
      sortOptions={sorts}
      tools={
        <Button variant="outline" disabled={selected.size === 0} onClick={() => setCardsOpen(true)}>
          <Printer aria-hidden="true" />
          {t('cards.forSelected', { count: selected.size })}
        </Button>
      }
      query={students}
      emptyText={list.search ? t('students.noMatch') : t('students.empty')}
      dialogs={
        <>
          <StudentFormDialog
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
            student={editing === 'new' ? null : editing}
            onCreated={(created) => setShown(created)}
          />
          <PasswordDialog shown={shown} onClose={() => setShown(null)} />
          <DeleteConfirmDialog
            item={deleting}
            onClose={() => setDeleting(null)}
            title={t('students.deleteTitle', { name: deleting?.full_name ?? '' })}
            description={t('students.deleteBody')}
            confirmLabel={t('deleteConfirm')}
            cancelLabel={t('ui:cancel')}
            remove={remove.mutate}
            onDeleted={(student) =>
              setSelected((current) => {
                const next = new Set(current);
                next.delete(student.id);
                return next;
              })
            }
            setError={setActionError}
          />
          <LoginCardsDialog
            open={cardsOpen}
            onOpenChange={setCardsOpen}
            studentIds={[...selected]}
            title={t('cards.title')}
          />
        </>
      }
    >
      <thead>
        <tr>
          <th scope="col" className="w-12">
            <input
              type="checkbox"
              className="size-5 accent-primary"
              aria-label={t('students.selectPage')}
              checked={allOnPageSelected}
              onChange={togglePage}
            />
          </th>
          <th scope="col">{t('fields.fullName')}</th>
          <th scope="col">{t('fields.login')}</th>
          <th scope="col">{t('fields.grade')}</th>
          <th scope="col" className="text-right">
            {t('actions')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((student) => (
          <tr key={student.id}>
            <td>
              <input
                type="checkbox"
                className="size-5 accent-primary"
                aria-label={t('students.select', { name: student.full_name })}
                checked={selected.has(student.id)}
                onChange={() => toggle(student.id)}
              />
            </td>
            <td className="font-medium">
              {student.full_name}
              {student.is_active ? null : <Badge className="ml-2">{t('status.inactive')}</Badge>}
            </td>
            <td className="font-mono">{student.username ?? student.email}</td>
            <td>{student.grade}</td>
            <td>
              <RowActions
                titled
                editLabel={t('edit', { name: student.full_name })}
                deleteLabel={t('delete', { name: student.full_name })}
                onEdit={() => setEditing(student)}
                onDelete={() => setDeleting(student)}
              >
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={t('students.resetPassword', { name: student.full_name })}
                  title={t('students.resetPassword', { name: student.full_name })}
                  disabled={reset.isPending}
                  onClick={() =>
                    reset.mutate(student.id, {
                      onSuccess: (result) =>
                        setShown({ fullName: student.full_name, login: result.login, password: result.password }),
                      onError: failed,
                    })
                  }
                >
                  <KeyRound aria-hidden="true" />
                </Button>
              </RowActions>
            </td>
          </tr>
        ))}
      </tbody>
    </ListPage>
  );
}
