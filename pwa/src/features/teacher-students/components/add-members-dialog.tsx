import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { Alert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/shared/ui/dialog';
import { ListState, Pagination, SearchBox } from '@/shared/ui/list-controls';
import { useErrorMessage } from '@/shared/hooks/use-error-message';

import { useAddClassStudents } from '../api/classes';
import { type StudentSort, useStudents } from '../api/students';

/** Picks students of the teacher's roster (not yet in the class) and adds them. */
export function AddMembersDialog({
  open,
  onOpenChange,
  classId,
  memberIds,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  classId: string;
  memberIds: Set<string>;
}) {
  const { t } = useTranslation(['orgs', 'ui']);
  const errorMessage = useErrorMessage();
  const list = useListState<StudentSort>('name');
  const students = useStudents({ search: list.search, sort: list.sort, page: list.page, perPage: 10 });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const add = useAddClassStudents();
  const candidates = (students.data?.items ?? []).filter((s) => !memberIds.has(s.id));

  const close = (next: boolean) => {
    if (!next) {
      setChosen(new Set());
      add.reset();
    }
    onOpenChange(next);
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="max-w-xl">
        <DialogTitle>{t('classes.addMembers')}</DialogTitle>
        <DialogDescription>{t('classes.addMembersHint')}</DialogDescription>
        <SearchBox label={t('students.search')} value={list.searchInput} onChange={list.setSearchInput} />
        <ListState
          isLoading={students.isLoading}
          error={students.error}
          isEmpty={candidates.length === 0}
          emptyText={t('classes.noCandidates')}
        >
          <fieldset className="grid gap-1">
            <legend className="sr-only">{t('classes.addMembers')}</legend>
            {candidates.map((student) => (
              <label key={student.id} className="flex min-h-11 items-center gap-3 rounded-lg px-2 hover:bg-accent">
                <input
                  type="checkbox"
                  className="size-5 accent-primary"
                  checked={chosen.has(student.id)}
                  onChange={() =>
                    setChosen((current) => {
                      const next = new Set(current);
                      if (next.has(student.id)) next.delete(student.id);
                      else next.add(student.id);
                      return next;
                    })
                  }
                />
                <span className="font-medium">{student.full_name}</span>
                <span className="font-mono text-sm text-muted-foreground">{student.username ?? student.email}</span>
              </label>
            ))}
          </fieldset>
        </ListState>
        <Pagination pagination={students.data?.pagination} onPage={list.setPage} />
        {add.isError ? (
          <Alert variant="destructive">{errorMessage(add.error)}</Alert>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={() => close(false)}>
            {t('ui:cancel')}
          </Button>
          <Button
            disabled={chosen.size === 0 || add.isPending}
            onClick={() => add.mutate({ classId, studentIds: [...chosen] }, { onSuccess: () => close(false) })}
          >
            {t('classes.addChosen', { count: chosen.size })}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
