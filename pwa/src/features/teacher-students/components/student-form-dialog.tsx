import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';

import { useFormErrors } from '@/shared/hooks/use-form-errors';
import { optionalEmail, optionalText, requiredText, toBody } from '@/shared/lib/form-values';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/shared/ui/dialog';
import { TextField } from '@/shared/ui/form-field';

import { type Student, useCreateStudent, useUpdateStudent } from '../api/students';

export const studentSchema = z.object({
  full_name: requiredText(200, 'errors.nameRequired', 'errors.tooLong'),
  username: z
    .string()
    .check(
      z.trim(),
      z.refine((value) => value === '' || /^[^@\s]{3,64}$/.test(value), 'errors.username'),
    ),
  email: optionalEmail('errors.email'),
  grade: optionalText(20, 'errors.tooLong'),
  parent_email: optionalEmail('errors.email'),
});
export type StudentValues = z.infer<typeof studentSchema>;
const FIELDS = ['full_name', 'username', 'email', 'grade', 'parent_email'] as const;

/** Adds a student or edits one; a new student without a password gets a friendly one, shown once. */
export function StudentFormDialog({
  open,
  onOpenChange,
  student,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  student: Student | null;
  onCreated: (created: { login: string; password: string | null; fullName: string }) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>{open ? <StudentForm student={student} onDone={onOpenChange} onCreated={onCreated} /> : null}</DialogContent>
    </Dialog>
  );
}

function StudentForm({
  student,
  onDone,
  onCreated,
}: {
  student: Student | null;
  onDone: (open: boolean) => void;
  onCreated: (created: { login: string; password: string | null; fullName: string }) => void;
}) {
  const { t } = useTranslation(['orgs', 'ui']);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<StudentValues>({
    resolver: zodResolver(studentSchema),
    defaultValues: {
      full_name: student?.full_name ?? '',
      username: student?.username ?? '',
      email: student?.email ?? '',
      grade: student?.grade ?? '',
      parent_email: student?.parent_email ?? '',
    },
  });
  const { fieldError, formError, setFormError, onServerError } = useFormErrors('orgs', errors, setError, FIELDS);
  const create = useCreateStudent();
  const update = useUpdateStudent();
  const pending = create.isPending || update.isPending;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    if (student) {
      update.mutate({ id: student.id, body: toBody(values, 'update') }, { onSuccess: () => onDone(false), onError: onServerError });
    } else {
      const body = toBody(values, 'create') as typeof values;
      create.mutate(body, {
        onSuccess: (created) => {
          onDone(false);
          onCreated({
            login: created.username ?? created.email ?? '',
            password: created.generated_password,
            fullName: created.full_name,
          });
        },
        onError: onServerError,
      });
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      <DialogTitle>{student ? t('students.editTitle') : t('students.addTitle')}</DialogTitle>
      <DialogDescription>{t('students.formHint')}</DialogDescription>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      <TextField label={t('fields.fullName')} error={fieldError('full_name')} {...register('full_name')} autoComplete="off" />
      <TextField
        label={t('fields.username')}
        error={fieldError('username')}
        {...register('username')}
        autoCapitalize="none"
        spellCheck={false}
        autoComplete="off"
      />
      <TextField label={t('fields.email')} error={fieldError('email')} type="email" {...register('email')} autoComplete="off" />
      <TextField label={t('fields.grade')} error={fieldError('grade')} {...register('grade')} />
      <TextField
        label={t('fields.parentEmail')}
        error={fieldError('parent_email')}
        type="email"
        {...register('parent_email')}
        autoComplete="off"
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={() => onDone(false)}>
          {t('ui:cancel')}
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? t('ui:saving') : t('ui:save')}
        </Button>
      </div>
    </form>
  );
}
