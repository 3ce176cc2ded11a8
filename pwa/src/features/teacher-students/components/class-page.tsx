import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, Pencil, Printer, Trash2, UserMinus, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { ConfirmDialog, DeleteConfirmDialog } from '@/shared/ui/confirm-dialog';
import { DataTable, ListState, PageHeader } from '@/shared/ui/list-controls';
import { useActionError } from '@/shared/hooks/use-error-message';

import { type ClassDetail, useClass, useDeleteClass, useRemoveClassStudent } from '../api/classes';
import type { Student } from '../api/students';
import { AddMembersDialog } from './add-members-dialog';
import { ClassFormDialog } from './class-form-dialog';
import { LoginCardsDialog } from './login-cards-dialog';

/** One class: its members (add, remove), edit or delete it, and login cards for the whole class. */
export function ClassPage({ classId }: { classId: string }) {
  const { t } = useTranslation(['orgs', 'ui']);
  const navigate = useNavigate();
  const detail = useClass(classId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Student | null>(null);
  const [cardsOpen, setCardsOpen] = useState(false);
  const { actionError, setActionError, failed } = useActionError();
  const removeClass = useDeleteClass();
  const removeMember = useRemoveClassStudent();

  if (detail.isLoading || detail.error || !detail.data) {
    return (
      <ListState isLoading={detail.isLoading} error={detail.error ?? (detail.data ? null : 'missing')} isEmpty={false} emptyText="">
        {null}
      </ListState>
    );
  }
  const schoolClass: ClassDetail = detail.data;
  const members = schoolClass.students;

  return (
    <div className="grid gap-6">
      <Link to="/teacher/classes" className="inline-flex min-h-11 items-center gap-2 text-sm font-medium text-primary">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t('classes.back')}
      </Link>
      <PageHeader
        title={schoolClass.name}
        description={[schoolClass.grade, schoolClass.subject, schoolClass.academic_year].filter(Boolean).join(' · ')}
        actions={
          <>
            <Button variant="outline" onClick={() => setEditing(true)}>
              <Pencil aria-hidden="true" />
              {t('classes.edit')}
            </Button>
            <Button variant="outline" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden="true" />
              {t('classes.delete')}
            </Button>
          </>
        }
      />
      {actionError ? <Alert variant="destructive">{actionError}</Alert> : null}
      <section aria-labelledby="members-heading" className="grid gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="members-heading" className="text-xl font-semibold">
            {t('classes.members', { count: members.length })}
          </h2>
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" disabled={members.length === 0} onClick={() => setCardsOpen(true)}>
              <Printer aria-hidden="true" />
              {t('cards.forClass')}
            </Button>
            <Button onClick={() => setAdding(true)}>
              <UserPlus aria-hidden="true" />
              {t('classes.addMembers')}
            </Button>
          </div>
        </div>
        <ListState isLoading={false} error={null} isEmpty={members.length === 0} emptyText={t('classes.noMembers')}>
          <DataTable caption={t('classes.members', { count: members.length })}>
            <thead>
              <tr>
                <th scope="col">{t('fields.fullName')}</th>
                <th scope="col">{t('fields.login')}</th>
                <th scope="col">{t('fields.grade')}</th>
                <th scope="col" className="text-right">
                  {t('actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((student) => (
                <tr key={student.id}>
                  <td className="font-medium">{student.full_name}</td>
                  <td className="font-mono">{student.username ?? student.email}</td>
                  <td>{student.grade}</td>
                  <td className="text-right">
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={t('classes.remove', { name: student.full_name })}
                      title={t('classes.remove', { name: student.full_name })}
                      onClick={() => setRemoving(student)}
                    >
                      <UserMinus aria-hidden="true" />
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </ListState>
      </section>

      <ClassFormDialog open={editing} onOpenChange={setEditing} schoolClass={schoolClass} />
      <AddMembersDialog
        open={adding}
        onOpenChange={setAdding}
        classId={schoolClass.id}
        memberIds={new Set(members.map((m) => m.id))}
      />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t('classes.removeTitle', { name: removing?.full_name ?? '' })}
        description={t('classes.removeBody')}
        confirmLabel={t('classes.removeConfirm')}
        cancelLabel={t('ui:cancel')}
        onConfirm={() => {
          if (removing) removeMember.mutate({ classId: schoolClass.id, studentId: removing.id }, { onError: failed });
        }}
      />
      <DeleteConfirmDialog
        item={deleting ? schoolClass : null}
        onClose={() => setDeleting(false)}
        title={t('classes.deleteTitle', { name: schoolClass.name })}
        description={t('classes.deleteBody')}
        confirmLabel={t('deleteConfirm')}
        cancelLabel={t('ui:cancel')}
        remove={removeClass.mutate}
        onDeleted={() => void navigate({ to: '/teacher/classes' })}
        setError={setActionError}
      />
      <LoginCardsDialog
        open={cardsOpen}
        onOpenChange={setCardsOpen}
        studentIds={members.map((m) => m.id)}
        classId={schoolClass.id}
        title={t('cards.classTitle', { name: schoolClass.name })}
      />
    </div>
  );
}
