import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/shared/ui/button';

import { useAssignment } from '../api/get-assignment';
import type { Assignment } from '../api/types';
import { useUpdateAssignment } from '../api/update-assignment';
import { toUpdateBody, toWizardState, type WizardStep } from '../lib/wizard';
import { AssignmentSteps } from './assignment-steps';
import { QueryState } from './query-state';

const linkClass =
  'inline-flex min-h-11 items-center gap-2 self-start rounded-lg text-sm font-medium underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60';

/** Changes an assignment with the wizard's steps, starting from its review; only what changed is sent. */
export function AssignmentEditor({
  assignmentId,
  onSaved,
}: {
  assignmentId: string;
  onSaved: (assignment: Assignment) => void;
}) {
  const { t } = useTranslation('assignments');
  const assignment = useAssignment(assignmentId);
  return (
    <div className="grid gap-6">
      <Link to="/teacher/assignments/$assignmentId" params={{ assignmentId }} className={linkClass}>
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t('edit.back')}
      </Link>
      <QueryState query={assignment}>{(data) => <EditSteps assignment={data} onSaved={onSaved} />}</QueryState>
    </div>
  );
}

// What the server does with an assignment students have already worked on (assignments/service.py): their
// scores stay, activities someone answered cannot be removed (so neither can the book), and a student who
// started keeps the assignment when their class or they are no longer targeted.
const WORK_NOTES: Partial<Record<WizardStep, 'edit.withWork.book' | 'edit.withWork.activities' | 'edit.withWork.targets'>> = {
  book: 'edit.withWork.book',
  activities: 'edit.withWork.activities',
  targets: 'edit.withWork.targets',
};

function EditSteps({ assignment, onSaved }: { assignment: Assignment; onSaved: (assignment: Assignment) => void }) {
  const { t } = useTranslation('assignments');
  // What the changes are measured against: the assignment as it was when the editor opened.
  const [initial] = useState(() => toWizardState(assignment));
  const save = useUpdateAssignment({ onSuccess: onSaved });
  const withWork = assignment.stats.in_progress + assignment.stats.submitted;

  const submit = async (state: typeof initial) => {
    const body = toUpdateBody(initial, state);
    if (Object.keys(body).length === 0) {
      onSaved(assignment);
      return;
    }
    await save.mutateAsync({ id: assignment.id, body });
  };

  return (
    <AssignmentSteps
      text={{
        title: t('edit.title', { name: assignment.name }),
        submit: t('edit.save'),
        submitting: t('edit.saving'),
        refused: (message) => t('edit.saveRefused', { message }),
        failed: t('edit.saveFailed'),
      }}
      initial={initial}
      startAt="review"
      keptDueAt={initial.dueAt === '' ? undefined : initial.dueAt}
      known={assignment.activities}
      notes={(step) => {
        const note = WORK_NOTES[step];
        if (withWork === 0 || note === undefined) return null;
        return (
          <p className="rounded-lg border border-border bg-muted px-4 py-3 text-sm">
            {t('edit.withWork.count', { count: withWork })} {t(note)}
          </p>
        );
      }}
      extraActions={
        <Button variant="ghost" asChild>
          <Link to="/teacher/assignments/$assignmentId" params={{ assignmentId: assignment.id }}>
            {t('edit.cancel')}
          </Link>
        </Button>
      }
      onSubmit={submit}
    />
  );
}
