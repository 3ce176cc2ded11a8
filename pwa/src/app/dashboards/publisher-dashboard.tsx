import { Link } from '@tanstack/react-router';
import { BookOpen, Building2, FileUp, ScanEye, UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type Book, useCatalogue } from '@/features/books/api/list-books';
import { languageName } from '@/features/books/lib/languages';
import { useMySchools } from '@/features/publisher-orgs/api/my-schools';
import { useMyTeachers } from '@/features/publisher-orgs/api/my-teachers';
import { TeacherFormDialog } from '@/features/publisher-orgs/components/teacher-form-dialog';
import { Button } from '@/shared/ui/button';
import { EmptyState } from '@/shared/ui/list-controls';
import { PasswordDialog, type ShownPassword } from '@/shared/ui/password-dialog';

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

// A count is the total of a one-item page; the books' total comes with the few books shown.
const COUNT = { page: 1, perPage: 1 };
const BOOKS_SHOWN = 4;

/** The publisher's overview: its schools, teachers and books, and its most frequent tasks. */
export function PublisherDashboard() {
  const { t } = useTranslation(['dashboard', 'common']);
  const schools = useMySchools(COUNT);
  const teachers = useMyTeachers(COUNT);
  const books = useCatalogue({ page: 1, perPage: BOOKS_SHOWN });
  const [addingTeacher, setAddingTeacher] = useState(false);
  const [shown, setShown] = useState<ShownPassword | null>(null);

  const nextStep =
    schools.data?.pagination.total === 0 ? (
      <NextStep title={t('publisher.nextStep.title')}>{t('publisher.nextStep.school')}</NextStep>
    ) : teachers.data?.pagination.total === 0 ? (
      <NextStep title={t('publisher.nextStep.title')}>{t('publisher.nextStep.teachers')}</NextStep>
    ) : null;

  return (
    <DashboardFrame role="publisher">
      <FigureCards
        title={t('publisher.figuresTitle')}
        figures={[
          { label: t('common:nav.schools'), to: '/publisher/schools', icon: Building2, query: schools },
          { label: t('common:nav.teachers'), to: '/publisher/teachers', icon: Users, query: teachers },
          { label: t('common:nav.books'), to: '/books', icon: BookOpen, query: books },
        ]}
      />
      {nextStep}
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr] lg:items-start">
        <QuickActions title={t('publisher.actionsTitle')}>
          <Button onClick={() => setAddingTeacher(true)}>
            <UserPlus aria-hidden="true" />
            {t('publisher.addTeacher')}
          </Button>
          <Button variant="outline" asChild>
            <Link to="/publisher/import">
              <FileUp aria-hidden="true" />
              {t('publisher.importTeachers')}
            </Link>
          </Button>
          <Button variant="outline" asChild>
            <Link to="/preview/books">
              <ScanEye aria-hidden="true" />
              {t('publisher.preview')}
            </Link>
          </Button>
        </QuickActions>
        <DashboardCard title={t('publisher.books.title')} link={<SeeAllLink to="/books">{t('publisher.books.all')}</SeeAllLink>}>
          {books.isPending ? (
            <ListSkeleton rows={BOOKS_SHOWN} />
          ) : books.isError ? (
            <LoadError error={books.error} onRetry={() => void books.refetch()} />
          ) : books.data.items.length === 0 ? (
            <EmptyState>{t('publisher.books.empty')}</EmptyState>
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2">
              {books.data.items.map((book) => (
                <li key={book.id}>
                  <BookLink book={book} />
                </li>
              ))}
            </ul>
          )}
        </DashboardCard>
      </div>
      <TeacherFormDialog open={addingTeacher} onOpenChange={setAddingTeacher} teacher={null} onCreated={setShown} />
      <PasswordDialog shown={shown} onClose={() => setShown(null)} />
    </DashboardFrame>
  );
}

function BookLink({ book }: { book: Book }) {
  const { i18n } = useTranslation();
  return (
    <Link
      to="/books/$bookId"
      params={{ bookId: book.id }}
      search={{ page: 1 }}
      className="flex h-full items-center gap-3 rounded-lg border border-border p-2 outline-none transition-colors hover:bg-accent focus-visible:ring-3 focus-visible:ring-ring/60"
    >
      <span className="grid aspect-[3/4] w-12 shrink-0 place-items-center overflow-hidden rounded-md bg-muted">
        {book.cover_url ? (
          <img src={book.cover_url} alt="" loading="lazy" className="size-full object-cover" />
        ) : (
          <BookOpen aria-hidden="true" className="size-5 text-muted-foreground" />
        )}
      </span>
      <span className="grid min-w-0 gap-0.5">
        <span className="font-medium leading-tight break-words">{book.title}</span>
        {book.language ? (
          <span className="text-sm text-muted-foreground">{languageName(book.language, i18n.language)}</span>
        ) : null}
      </span>
    </Link>
  );
}
