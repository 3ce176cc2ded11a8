import { useTranslation } from 'react-i18next';

import { useCreateAssignment } from '../api/create-assignment';
import type { Assignment } from '../api/types';
import { initialWizardState, toCreateBody } from '../lib/wizard';
import { AssignmentSteps } from './assignment-steps';

/** Creates an assignment: book -> activities (ordered) -> students/classes -> options -> review. */
export function AssignmentWizard({ onCreated }: { onCreated: (assignment: Assignment) => void }) {
  const { t } = useTranslation('assignments');
  const create = useCreateAssignment({ onSuccess: onCreated });
  return (
    <AssignmentSteps
      text={{
        title: t('wizard.title'),
        submit: t('wizard.create'),
        submitting: t('wizard.creating'),
        refused: (message) => t('wizard.createRefused', { message }),
        failed: t('wizard.createFailed'),
      }}
      initial={initialWizardState}
      onSubmit={(state) => create.mutateAsync(toCreateBody(state))}
    />
  );
}
