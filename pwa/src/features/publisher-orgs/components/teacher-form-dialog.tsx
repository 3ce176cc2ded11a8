import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';

import { useFormErrors } from '@/shared/hooks/use-form-errors';
import { optionalText, requiredEmail, requiredText, toBody } from '@/shared/lib/form-values';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/shared/ui/dialog';
import { SelectField, TextField } from '@/shared/ui/form-field';
import type { ShownPassword } from '@/shared/ui/password-dialog';

import { useMySchools } from '../api/my-schools';
import { type MyTeacher, useCreateTeacher, useUpdateTeacher } from '../api/my-teachers';

export const teacherSchema = z.object({
  school_id: z.string().check(z.minLength(1, 'errors.schoolRequired')),
  full_name: requiredText(200, 'errors.nameRequired', 'errors.tooLong'),
  email: requiredEmail('errors.emailRequired', 'errors.email'),
  subject: optionalText(100, 'errors.tooLong'),
});
type TeacherValues = z.infer<typeof teacherSchema>;
const FIELDS = ['school_id', 'full_name', 'email', 'subject'] as const;

export function TeacherFormDialog({
  open,
  onOpenChange,
  teacher,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  teacher: MyTeacher | null;
  onCreated: (shown: ShownPassword) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {open ? <TeacherForm teacher={teacher} onDone={() => onOpenChange(false)} onCreated={onCreated} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TeacherForm({
  teacher,
  onDone,
  onCreated,
}: {
  teacher: MyTeacher | null;
  onDone: () => void;
  onCreated: (shown: ShownPassword) => void;
}) {
  const { t } = useTranslation(['orgs', 'ui']);
  const schools = useMySchools({ sort: 'name', page: 1, perPage: 100 });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<TeacherValues>({
    resolver: zodResolver(teacherSchema),
    defaultValues: {
      school_id: teacher?.school_id ?? '',
      full_name: teacher?.full_name ?? '',
      email: teacher?.email ?? '',
      subject: teacher?.subject ?? '',
    },
  });
  const { fieldError, formError, setFormError, onServerError } = useFormErrors('orgs', errors, setError, FIELDS);
  const create = useCreateTeacher();
  const update = useUpdateTeacher();
  const pending = create.isPending || update.isPending;

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    if (teacher) {
      update.mutate({ id: teacher.id, body: toBody(values, 'update') }, { onSuccess: onDone, onError: onServerError });
    } else {
      create.mutate(toBody(values, 'create') as TeacherValues, {
        onSuccess: (created) => {
          onDone();
          onCreated({ fullName: created.full_name, login: created.email ?? '', password: created.generated_password });
        },
        onError: onServerError,
      });
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      <DialogTitle>{teacher ? t('teachers.editTitle') : t('teachers.addTitle')}</DialogTitle>
      <DialogDescription>{t('teachers.formHint')}</DialogDescription>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      <SelectField label={t('fields.school')} error={fieldError('school_id')} {...register('school_id')}>
        <option value="">{t('teachers.chooseSchool')}</option>
        {(schools.data?.items ?? []).map((school) => (
          <option key={school.id} value={school.id}>
            {school.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('fields.fullName')} error={fieldError('full_name')} {...register('full_name')} autoComplete="off" />
      <TextField label={t('fields.email')} error={fieldError('email')} type="email" {...register('email')} autoComplete="off" />
      <TextField label={t('fields.subject')} error={fieldError('subject')} {...register('subject')} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onDone}>
          {t('ui:cancel')}
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? t('ui:saving') : t('ui:save')}
        </Button>
      </div>
    </form>
  );
}
