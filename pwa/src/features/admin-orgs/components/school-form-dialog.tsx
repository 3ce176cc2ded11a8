import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';

import { useFormErrors } from '@/shared/hooks/use-form-errors';
import { optionalEmail, optionalText, requiredText, toBody } from '@/shared/lib/form-values';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/shared/ui/dialog';
import { SelectField, TextField } from '@/shared/ui/form-field';

import { usePublishers } from '../api/publishers';
import { type School, useCreateSchool, useUpdateSchool } from '../api/schools';

export const schoolSchema = z.object({
  publisher_id: z.string().check(z.minLength(1, 'errors.publisherRequired')),
  name: requiredText(200, 'errors.nameRequired', 'errors.tooLong'),
  address: optionalText(1000, 'errors.tooLong'),
  contact_email: optionalEmail('errors.email'),
  contact_phone: optionalText(50, 'errors.tooLong'),
});
type SchoolValues = z.infer<typeof schoolSchema>;
const FIELDS = ['publisher_id', 'name', 'address', 'contact_email', 'contact_phone'] as const;

export function SchoolFormDialog({
  open,
  onOpenChange,
  school,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  school: School | null;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>{open ? <SchoolForm school={school} onDone={() => onOpenChange(false)} /> : null}</DialogContent>
    </Dialog>
  );
}

function SchoolForm({ school, onDone }: { school: School | null; onDone: () => void }) {
  const { t } = useTranslation(['orgs', 'ui']);
  const publishers = usePublishers({ sort: 'name', page: 1, perPage: 100 });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SchoolValues>({
    resolver: zodResolver(schoolSchema),
    defaultValues: {
      publisher_id: school?.publisher_id ?? '',
      name: school?.name ?? '',
      address: school?.address ?? '',
      contact_email: school?.contact_email ?? '',
      contact_phone: school?.contact_phone ?? '',
    },
  });
  const { fieldError, formError, setFormError, onServerError } = useFormErrors('orgs', errors, setError, FIELDS);
  const create = useCreateSchool();
  const update = useUpdateSchool();
  const pending = create.isPending || update.isPending;

  const onSubmit = handleSubmit(({ publisher_id, ...rest }) => {
    setFormError(null);
    if (school) {
      update.mutate({ id: school.id, body: toBody(rest, 'update') }, { onSuccess: onDone, onError: onServerError });
    } else {
      create.mutate({ ...(toBody(rest, 'create') as typeof rest), publisher_id }, { onSuccess: onDone, onError: onServerError });
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-4">
      <DialogTitle>{school ? t('schools.editTitle') : t('schools.addTitle')}</DialogTitle>
      <DialogDescription>{t('schools.formHint')}</DialogDescription>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      <SelectField label={t('fields.publisher')} error={fieldError('publisher_id')} disabled={school !== null} {...register('publisher_id')}>
        <option value="">{t('schools.choosePublisher')}</option>
        {(publishers.data?.items ?? []).map((publisher) => (
          <option key={publisher.id} value={publisher.id}>
            {publisher.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('fields.schoolName')} error={fieldError('name')} {...register('name')} autoComplete="off" />
      <TextField label={t('fields.address')} error={fieldError('address')} {...register('address')} />
      <TextField label={t('fields.contactEmail')} error={fieldError('contact_email')} type="email" {...register('contact_email')} />
      <TextField label={t('fields.contactPhone')} error={fieldError('contact_phone')} type="tel" {...register('contact_phone')} />
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
