import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';

import { useFormErrors } from '@/shared/hooks/use-form-errors';
import { optionalEmail, optionalText, requiredEmail, requiredText, toBody } from '@/shared/lib/form-values';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/shared/ui/dialog';
import { TextField } from '@/shared/ui/form-field';
import type { ShownPassword } from '@/shared/ui/password-dialog';

import { type Publisher, useCreatePublisher, useUpdatePublisher } from '../api/publishers';

export const publisherSchema = z.object({
  name: requiredText(200, 'errors.nameRequired', 'errors.tooLong'),
  email: z.string(),
  full_name: z.string(),
  contact_email: optionalEmail('errors.email'),
  contact_phone: optionalText(50, 'errors.tooLong'),
});
const newPublisherSchema = z.object({
  ...publisherSchema.shape,
  email: requiredEmail('errors.emailRequired', 'errors.email'),
  full_name: requiredText(200, 'errors.nameRequired', 'errors.tooLong'),
});
type PublisherValues = z.infer<typeof publisherSchema>;
const FIELDS = ['name', 'email', 'full_name', 'contact_email', 'contact_phone'] as const;

export function PublisherFormDialog({
  open,
  onOpenChange,
  publisher,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  publisher: Publisher | null;
  onCreated: (shown: ShownPassword) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {open ? <PublisherForm publisher={publisher} onDone={() => onOpenChange(false)} onCreated={onCreated} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function PublisherForm({
  publisher,
  onDone,
  onCreated,
}: {
  publisher: Publisher | null;
  onDone: () => void;
  onCreated: (shown: ShownPassword) => void;
}) {
  const { t } = useTranslation(['orgs', 'ui']);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PublisherValues>({
    resolver: zodResolver(publisher ? publisherSchema : newPublisherSchema),
    defaultValues: {
      name: publisher?.name ?? '',
      email: publisher?.email ?? '',
      full_name: publisher?.full_name ?? '',
      contact_email: publisher?.contact_email ?? '',
      contact_phone: publisher?.contact_phone ?? '',
    },
  });
  const { fieldError, formError, setFormError, onServerError } = useFormErrors('orgs', errors, setError, FIELDS);
  const create = useCreatePublisher();
  const update = useUpdatePublisher();
  const pending = create.isPending || update.isPending;

  const onSubmit = handleSubmit(({ email, full_name, ...rest }) => {
    setFormError(null);
    if (publisher) {
      update.mutate({ id: publisher.id, body: toBody(rest, 'update') }, { onSuccess: onDone, onError: onServerError });
    } else {
      create.mutate({ ...(toBody(rest, 'create') as typeof rest), email, full_name }, {
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
      <DialogTitle>{publisher ? t('publishers.editTitle') : t('publishers.addTitle')}</DialogTitle>
      <DialogDescription>{publisher ? t('publishers.editHint') : t('publishers.addHint')}</DialogDescription>
      {formError ? <Alert variant="destructive">{formError}</Alert> : null}
      <TextField label={t('fields.publisherName')} error={fieldError('name')} {...register('name')} autoComplete="off" />
      {publisher ? null : (
        <>
          <TextField label={t('fields.accountEmail')} error={fieldError('email')} type="email" {...register('email')} autoComplete="off" />
          <TextField label={t('fields.accountName')} error={fieldError('full_name')} {...register('full_name')} autoComplete="off" />
        </>
      )}
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
