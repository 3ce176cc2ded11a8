import { Link } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useListState } from '@/shared/hooks/use-list-state';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { useNameAndDateSorts } from '@/shared/ui/list-controls';
import { ListPage } from '@/shared/ui/list-page';

import { type ClassSort, useClasses } from '../api/classes';
import { ClassFormDialog } from './class-form-dialog';

export function ClassesPage() {
  const { t } = useTranslation(['orgs', 'ui']);
  const list = useListState<ClassSort>('name');
  const sorts = useNameAndDateSorts();
  const classes = useClasses({ search: list.search, sort: list.sort, page: list.page });
  const [creating, setCreating] = useState(false);
  const items = classes.data?.items ?? [];

  return (
    <ListPage
      title={t('classes.title')}
      description={t('classes.intro')}
      actions={
        <Button onClick={() => setCreating(true)}>
          <Plus aria-hidden="true" />
          {t('classes.add')}
        </Button>
      }
      list={list}
      searchLabel={t('classes.search')}
      sortOptions={sorts}
      query={classes}
      emptyText={list.search ? t('classes.noMatch') : t('classes.empty')}
      dialogs={<ClassFormDialog open={creating} onOpenChange={setCreating} schoolClass={null} />}
    >
      <thead>
        <tr>
          <th scope="col">{t('fields.className')}</th>
          <th scope="col">{t('fields.grade')}</th>
          <th scope="col">{t('fields.subject')}</th>
          <th scope="col">{t('classes.students')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((schoolClass) => (
          <tr key={schoolClass.id}>
            <td>
              <Link
                to="/teacher/classes/$classId"
                params={{ classId: schoolClass.id }}
                className="inline-flex min-h-11 items-center font-medium text-primary underline-offset-4 hover:underline"
              >
                {schoolClass.name}
              </Link>
              {schoolClass.is_archived ? <Badge className="ml-2">{t('classes.archived')}</Badge> : null}
            </td>
            <td>{schoolClass.grade}</td>
            <td>{schoolClass.subject}</td>
            <td>{schoolClass.student_count}</td>
          </tr>
        ))}
      </tbody>
    </ListPage>
  );
}
