import { Link } from '@tanstack/react-router';
import { BookOpen, Building2, FileUp, GraduationCap, Plus, Store, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type AuditEntry, useAuditLog } from '@/features/admin-orgs/api/audit-log';
import { usePublishers } from '@/features/admin-orgs/api/publishers';
import { useSchools } from '@/features/admin-orgs/api/schools';
import { useUsers } from '@/features/admin-orgs/api/users';
import { Actor } from '@/features/admin-orgs/components/audit-log-page';
import { SchoolFormDialog } from '@/features/admin-orgs/components/school-form-dialog';
import { useCatalogue } from '@/features/books/api/list-books';
import { Button } from '@/shared/ui/button';
import { EmptyState } from '@/shared/ui/list-controls';

import { DashboardFrame } from './dashboard-frame';
import {
  DashboardCard,
  FigureCards,
  ListSkeleton,
  LoadError,
  NextStep,
  QuickActions,
  SeeAllLink,
} from './dashboard-parts';

// A count is the total of a one-item page.
const COUNT = { page: 1, perPage: 1 };
const RECENT_CHANGES = 5;

/** The administrator's overview: how many of everything, what to do first on an empty system, what changed last. */
export function AdminDashboard() {
  const { t } = useTranslation(['dashboard', 'common']);
  const publishers = usePublishers(COUNT);
  const schools = useSchools(COUNT);
  const teachers = useUsers({ ...COUNT, role: 'teacher' });
  const students = useUsers({ ...COUNT, role: 'student' });
  const books = useCatalogue(COUNT);
  const [addingSchool, setAddingSchool] = useState(false);
  const addSchool = () => setAddingSchool(true);

  const nextStep = (() => {
    if (publishers.data?.pagination.total === 0) {
      return (
        <NextStep
          title={t('admin.nextStep.title')}
          action={
            <Button asChild>
              <Link to="/admin/publishers">{t('admin.nextStep.publisherAction')}</Link>
            </Button>
          }
        >
          {t('admin.nextStep.publisher')}
        </NextStep>
      );
    }
    if (schools.data?.pagination.total === 0) {
      return <NextStep title={t('admin.nextStep.title')}>{t('admin.nextStep.school')}</NextStep>;
    }
    if (teachers.data?.pagination.total === 0) {
      return (
        <NextStep
          title={t('admin.nextStep.title')}
          action={
            <Button asChild>
              <Link to="/admin/import">{t('admin.nextStep.teachersAction')}</Link>
            </Button>
          }
        >
          {t('admin.nextStep.teachers')}
        </NextStep>
      );
    }
    return null;
  })();

  return (
    <DashboardFrame role="admin">
      <FigureCards
        title={t('admin.figuresTitle')}
        figures={[
          { label: t('common:nav.publishers'), to: '/admin/publishers', icon: Store, query: publishers },
          { label: t('common:nav.schools'), to: '/admin/schools', icon: Building2, query: schools },
          { label: t('common:nav.teachers'), to: '/admin/users', icon: Users, query: teachers },
          { label: t('common:nav.students'), to: '/admin/users', icon: GraduationCap, query: students },
          { label: t('common:nav.books'), to: '/books', icon: BookOpen, query: books },
        ]}
      />
      {nextStep}
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr] lg:items-start">
        <QuickActions title={t('admin.actionsTitle')}>
          <Button onClick={addSchool}>
            <Plus aria-hidden="true" />
            {t('admin.addSchool')}
          </Button>
          <Button variant="outline" asChild>
            <Link to="/admin/import">
              <FileUp aria-hidden="true" />
              {t('admin.importPeople')}
            </Link>
          </Button>
        </QuickActions>
        <RecentChanges />
      </div>
      <SchoolFormDialog open={addingSchool} onOpenChange={setAddingSchool} school={null} />
    </DashboardFrame>
  );
}

/** The newest audit log entries: who did what, and when. */
function RecentChanges() {
  const { t } = useTranslation('dashboard');
  const log = useAuditLog({ page: 1, perPage: RECENT_CHANGES });
  const entries = log.data?.items ?? [];
  return (
    <DashboardCard title={t('admin.recent.title')} link={<SeeAllLink to="/admin/audit-log">{t('admin.recent.all')}</SeeAllLink>}>
      {log.isPending ? (
        <ListSkeleton rows={RECENT_CHANGES} />
      ) : log.isError ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState>{t('admin.recent.empty')}</EmptyState>
      ) : (
        <ol className="grid divide-y divide-border">
          {entries.map((entry) => (
            <RecentChange key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </DashboardCard>
  );
}

function RecentChange({ entry }: { entry: AuditEntry }) {
  const { i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const name = entityName(entry);
  return (
    <li className="grid gap-0.5 py-3 break-words first:pt-0 last:pb-0">
      <span>
        <span className="font-medium">{entry.action}</span>
        {name ? ` · ${name}` : null}
      </span>
      <span className="text-sm text-muted-foreground">
        <Actor entry={entry} /> · <time dateTime={entry.created_at}>{when.format(new Date(entry.created_at))}</time>
      </span>
    </li>
  );
}

/** The name of the changed record as the entry saved it (after a change, or before a delete), if it has one. */
function entityName(entry: AuditEntry): string | null {
  const values = entry.after ?? entry.before;
  const name = values?.name ?? values?.full_name;
  return typeof name === 'string' ? name : null;
}
