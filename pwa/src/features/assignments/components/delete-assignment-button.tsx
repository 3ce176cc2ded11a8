import { useNavigate } from '@tanstack/react-router';
import { Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '@/shared/ui/alert-dialog';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';

import { useDeleteAssignment } from '../api/delete-assignment';
import type { Assignment } from '../api/types';

/** Deletes the assignment after a confirmation, then goes back to the list. */
export function DeleteAssignmentButton({ assignment }: { assignment: Assignment }) {
  const { t } = useTranslation('assignments');
  const navigate = useNavigate();
  const remove = useDeleteAssignment({ onSuccess: () => void navigate({ to: '/teacher/assignments' }) });
  return (
    <div className="grid gap-2">
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="outline" disabled={remove.isPending}>
            <Trash2 aria-hidden="true" />
            {t('results.delete')}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogTitle>{t('results.deleteTitle', { name: assignment.name })}</AlertDialogTitle>
          <AlertDialogDescription>{t('results.deleteBody')}</AlertDialogDescription>
          <AlertDialogFooter>
            <AlertDialogCancel>{t('results.deleteCancel')}</AlertDialogCancel>
            <AlertDialogAction onClick={() => remove.mutate(assignment.id)}>{t('results.deleteConfirm')}</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      {remove.isError && <Alert variant="destructive">{t('results.deleteFailed')}</Alert>}
    </div>
  );
}
