import { Link } from '@tanstack/react-router';
import { Bell } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { useSyncEngine } from '@/shared/sync-engine/runtime';

import { useUnreadCount } from '../lib/local-notifications';

/**
 * The header's bell with the number of unread notifications on the device; it opens the notifications page.
 * It also keeps the user's sync engine running, which pulls notifications and sends marks made offline.
 */
export function NotificationBell({ userId }: { userId: string }) {
  const { t } = useTranslation();
  useSyncEngine(userId);
  const unread = useUnreadCount(userId);
  const label = unread > 0 ? t('notificationBell.unread', { count: unread }) : t('notificationBell.label');

  return (
    <Link
      to="/notifications"
      data-testid="notification-bell"
      data-unread={unread}
      aria-label={label}
      title={label}
      className="relative inline-flex size-11 items-center justify-center rounded-lg hover:bg-accent focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60"
      activeProps={{ 'aria-current': 'page' }}
    >
      <Bell aria-hidden="true" className="size-5" />
      {unread > 0 && (
        <span
          aria-hidden="true"
          className="absolute top-1 right-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-[0.7rem] leading-5 font-semibold text-white"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
