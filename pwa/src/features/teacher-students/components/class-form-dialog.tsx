import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';

import { useFormErrors } from '@/shared/hooks/use-form-errors';
import { optionalText, requiredText, toBody } from '@/shared/lib/form-values';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/shared/ui/dialog';
import { TextField } from '@/shared/ui/form-field';

import { type SchoolClass, useCreateClass, useUpdateClass } from '../api/classes';

export const classSchema = z.object({
  name: requiredText(100, 'errors.nameRequired', 'errors.tooLong'),
  grade: optionalText(20, 'errors.tooLong'),
  subject: optionalText(100, 'errors.tooLong'),
  academic_year: optionalText(20, 'errors.tooLong'),
});
type ClassValues = z.infer<typeof classSchema>;
const FIELDS = ['name', 'grade', 'subject', 'academic_year'] as const;

export function ClassFormDialog({
  open,
  onOpenChange,
  schoolClass,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  schoolClass: SchoolClass | null;
  onSaved?: (saved: SchoolClass) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {open ? <ClassForm schoolClass={schoolClass} onDone={() => onOpenChange(false)} onSaved={onSaved} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ClassForm({
  schoolClass,
  onDone,
  onSaved,
}: {
  schoolClass: SchoolClass | null;
  onDone: () => void;
  onSaved: ((saved: SchoolClass) => void) | undefined;
}) {
  const { t } = useTranslation(['orgs', 'ui']);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ClassValues>({
    resolver: zodResolver(classSchema),
    defaultValues: {
      name: schoolClass?.name ?? '',
      grade: schoolClass?.grade ?? '',
      subject: schoolClass?.subject ?? '',
      academic_year: schoolClass?.academic_year ?? '',
    },
  });
  const { fieldError, formError, setFormError, onServerError } = useFormErrors('orgs', errors, setError, FIELDS);
  const create = useCreateClass();
  const update = useUpdateClass();
  const pending = create.isPending || update.isPending;
  const done = (saved: SchoolClass) => {
    onDone();
    onSaved?.(saved);
  };

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    if (schoolClass) {
      update.mutate({ id: schoolClass.id, body: toBody(values, 'update') }, { onSuccess: done, onError: onServerError });
    } else {
      create.mutate(toBody(values, 'create') as ClassValues, { onSuccess: done, onError: onServerError });
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      <DialogTitle>{schoolClass ? t('classes.editTitle') : t('classes.addTitle')}</DialogTitle>
      <DialogDescription>{t('classes.formHint')}</DialogDescription>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      <TextField label={t('fields.className')} error={fieldError('name')} {...register('name')} autoComplete="off" />
      <TextField label={t('fields.grade')} error={fieldError('grade')} {...register('grade')} />
      <TextField label={t('fields.subject')} error={fieldError('subject')} {...register('subject')} />
      <TextField label={t('fields.academicYear')} error={fieldError('academic_year')} {...register('academic_year')} />
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
