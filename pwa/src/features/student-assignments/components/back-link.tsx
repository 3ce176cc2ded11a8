import { Link } from '@tanstack/react-router';
import { ChevronLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** Back to the student's assignments. */
export function BackLink() {
  const { t } = useTranslation('student');
  return (
    <Link to="/student" className="inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
      <ChevronLeft aria-hidden="true" className="size-4" />
      {t('player.back')}
    </Link>
  );
}
