import { Link } from '@tanstack/react-router';
import { BookOpen, FileUp, GraduationCap, Plus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useAssignments } from '@/features/assignments/api/list-assignments';
import { useCatalogue } from '@/features/books/api/list-books';
import { type SchoolClass, useClasses } from '@/features/teacher-students/api/classes';
import { useStudents } from '@/features/teacher-students/api/students';
import { ClassFormDialog } from '@/features/teacher-students/components/class-form-dialog';
import { Button } from '@/shared/ui/button';
import { EmptyState } from '@/shared/ui/list-controls';

import { DashboardFrame } from './dashboard-frame';
import {
  DashboardCard,
  FigureCards,
  linkClass,
  ListSkeleton,
  LoadError,
  NextStep,
  QuickActions,
  SeeAllLink,
} from './dashboard-parts';
import { NeedsAttention } from './needs-attention';

// A count is the total of a one-item page; the classes' total comes with the first few classes shown.
const COUNT = { page: 1, perPage: 1 };
const CLASSES_SHOWN = 6;

/**
 * The teacher's overview: how many classes, students and books, what to do first, the assignments due this week
 * or just past due with how many students submitted, and the classes.
 */
export function TeacherDashboard() {
  const { t } = useTranslation(['dashboard', 'common']);
  // The assignments page's own query (the newest 100), so either screen opens from the other's cache.
  const assignments = useAssignments();
  const classes = useClasses({ sort: 'name', page: 1, perPage: CLASSES_SHOWN });
  const students = useStudents(COUNT);
  const books = useCatalogue(COUNT);
  const [addingClass, setAddingClass] = useState(false);
  const addClass = () => setAddingClass(true);

  const nextStep = (() => {
    if (classes.data?.pagination.total === 0) {
      return (
        <NextStep title={t('teacher.nextStep.title')} action={<Button onClick={addClass}>{t('teacher.addClass')}</Button>}>
          {t('teacher.nextStep.class')}
        </NextStep>
      );
    }
    if (assignments.data?.length === 0) {
      return (
        <NextStep
          title={t('teacher.nextStep.title')}
          action={
            <Button asChild>
              <Link to="/teacher/assignments/new">{t('teacher.newAssignment')}</Link>
            </Button>
          }
        >
          {t('teacher.nextStep.assignment')}
        </NextStep>
      );
    }
    return null;
  })();

  return (
    <DashboardFrame role="teacher">
      <FigureCards
        title={t('teacher.figuresTitle')}
        figures={[
          { label: t('common:nav.classes'), to: '/teacher/classes', icon: Users, query: classes },
          { label: t('common:nav.students'), to: '/teacher/students', icon: GraduationCap, query: students },
          { label: t('common:nav.books'), to: '/books', icon: BookOpen, query: books },
        ]}
      />
      {nextStep}
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr] lg:items-start">
        <QuickActions title={t('teacher.actionsTitle')}>
          <Button asChild>
            <Link to="/teacher/assignments/new">
              <Plus aria-hidden="true" />
              {t('teacher.newAssignment')}
            </Link>
          </Button>
          <Button variant="outline" onClick={addClass}>
            <Users aria-hidden="true" />
            {t('teacher.addClass')}
          </Button>
          <Button variant="outline" asChild>
            <Link to="/teacher/import">
              <FileUp aria-hidden="true" />
              {t('teacher.importStudents')}
            </Link>
          </Button>
        </QuickActions>
        {/* Beside the actions and the classes on wide screens; right after the actions on phones. */}
        <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <NeedsAttention query={assignments} />
        </div>
        <YourClasses query={classes} />
      </div>
      <ClassFormDialog open={addingClass} onOpenChange={setAddingClass} schoolClass={null} />
    </DashboardFrame>
  );
}

type ClassesQuery = ReturnType<typeof useClasses>;

/** The first classes by name with their number of students, each opening its class page. */
function YourClasses({ query }: { query: ClassesQuery }) {
  const { t } = useTranslation('dashboard');
  const total = query.data?.pagination.total ?? 0;
  const items = query.data?.items ?? [];
  return (
    <DashboardCard
      title={t('teacher.classes.title')}
      link={
        <SeeAllLink to="/teacher/classes">
          {total > items.length ? t('teacher.classes.all', { count: total }) : t('teacher.classes.manage')}
        </SeeAllLink>
      }
    >
      {query.isPending ? (
        <ListSkeleton rows={2} />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{t('teacher.classes.empty')}</EmptyState>
      ) : (
        <ul aria-label={t('teacher.classes.title')} className="grid divide-y divide-border">
          {items.map((schoolClass) => (
            <ClassItem key={schoolClass.id} schoolClass={schoolClass} />
          ))}
        </ul>
      )}
    </DashboardCard>
  );
}

function ClassItem({ schoolClass }: { schoolClass: SchoolClass }) {
  const { t } = useTranslation('dashboard');
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-3 py-1 last:pb-0">
      <Link
        to="/teacher/classes/$classId"
        params={{ classId: schoolClass.id }}
        className={`${linkClass} inline-flex min-h-11 items-center break-words`}
      >
        {schoolClass.name}
      </Link>
      <span className="text-sm text-muted-foreground">
        {t('teacher.classes.students', { count: schoolClass.student_count })}
      </span>
    </li>
  );
}
