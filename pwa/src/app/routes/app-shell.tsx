import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { LogoutButton } from '@/features/auth/components/logout-button';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { InstallButton } from '@/features/pwa/components/install-button';
import { SyncStatusIndicator } from '@/features/student-assignments/components/sync-status';
import { NetworkStatus } from '@/features/pwa/components/network-status';
import { useSession } from '@/shared/session/session';
import { Badge } from '@/shared/ui/badge';

import { HOME_PATH_BY_ROLE } from '../guards';
import { NAVIGATION_BY_ROLE, type NavItem } from '../navigation';

const linkClass =
  'flex min-h-11 items-center gap-3 rounded-lg px-3 text-sm font-medium text-foreground hover:bg-accent focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60';
const activeLinkClass = 'bg-accent text-accent-foreground';

/** The signed-in frame: header, the role's navigation (side bar on tablets and laptops, tab bar on phones). */
export function AppShell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = useSession();
  if (state.status !== 'signed-in') return null;
  const { me } = state;
  const items = NAVIGATION_BY_ROLE[me.role];

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-background p-3 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t('skipToContent')}
      </a>
      <header className="sticky top-0 z-30 flex items-center gap-2 border-b border-border bg-background/95 px-3 py-2 backdrop-blur sm:px-5">
        <Link to={HOME_PATH_BY_ROLE[me.role]} className="mr-auto flex items-center gap-2 rounded-lg font-semibold">
          <img src="/icons/icon-192.png" alt="" width={32} height={32} className="rounded-lg" />
          <span className="max-sm:sr-only">{t('appName')}</span>
        </Link>
        <NetworkStatus />
        {me.role === 'student' && <SyncStatusIndicator userId={me.id} />}
        <NotificationBell userId={me.id} />
        <InstallButton />
        <span className="hidden text-sm text-muted-foreground lg:inline">
          {t('account.signedInAs', { name: me.full_name })} · {t(`roles.${me.role}`)}
        </span>
        <LogoutButton onLoggedOut={() => void navigate({ to: '/login', search: { redirect: undefined } })} />
      </header>
      <div className="flex flex-1">
        <nav
          aria-label={t('nav.label')}
          className="sticky top-[57px] hidden h-[calc(100dvh-57px)] w-60 shrink-0 flex-col gap-1 border-r border-border p-3 md:flex"
        >
          {items.map((item) => (
            <SideNavEntry key={item.label} item={item} />
          ))}
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 pb-24 outline-none sm:p-6 md:pb-8 lg:p-8">
          <div className="mx-auto max-w-5xl">
            <Outlet />
          </div>
        </main>
      </div>
      <TabBar items={items} />
    </div>
  );
}

/**
 * The phones' tab bar. Tabs keep a readable width and the bar scrolls sideways when a role has more of them
 * than fit (the admin's nine on a 360 px phone); the next tab shows half cut off, so the bar looks scrollable.
 */
function TabBar({ items }: { items: NavItem[] }) {
  const { t } = useTranslation();
  return (
    <nav
      aria-label={t('nav.label')}
      className="fixed inset-x-0 bottom-0 z-30 flex overflow-x-auto overscroll-x-contain border-t border-border bg-background pb-[env(safe-area-inset-bottom)] [scrollbar-width:thin] md:hidden"
    >
      {items
        .filter((item) => item.to !== undefined)
        .map((item) => (
          <Link
            key={item.label}
            to={item.to}
            className="flex min-h-14 min-w-20 flex-1 shrink-0 flex-col items-center justify-center gap-0.5 px-1 text-center text-xs leading-tight font-medium focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/60 focus-visible:ring-inset"
            activeProps={{ className: 'text-primary', 'aria-current': 'page' }}
            activeOptions={{ exact: isHomePath(item.to) }}
          >
            {({ isActive }) => <TabLabel item={item} current={isActive} />}
          </Link>
        ))}
    </nav>
  );
}

function TabLabel({ item, current }: { item: NavItem; current: boolean }) {
  const { t } = useTranslation();
  const icon = useRef<SVGSVGElement>(null);
  // A tab that becomes current may sit past the edge of the bar: bring it in (the bar only, as the bar is fixed to
  // the screen and always in view vertically). Keyed to the link's own active state, which can settle a render after
  // the location changes (an effect on the pathname could scroll the tab that was current before).
  useEffect(() => {
    if (current) icon.current?.closest('a')?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [current]);
  return (
    <>
      <item.icon ref={icon} aria-hidden="true" className="size-5" />
      {t(`nav.${item.label}`)}
    </>
  );
}

// A dashboard's path is the prefix of its role's other screens; only the dashboard itself marks it current.
const isHomePath = (to: string | undefined) => Object.values(HOME_PATH_BY_ROLE).some((home) => home === to);

function SideNavEntry({ item }: { item: NavItem }) {
  const { t } = useTranslation();
  if (item.to === undefined) {
    return (
      <span aria-disabled="true" className={`${linkClass} cursor-default text-muted-foreground hover:bg-transparent`}>
        <item.icon aria-hidden="true" className="size-5 shrink-0" />
        <span className="flex-1">{t(`nav.${item.label}`)}</span>
        <Badge className="whitespace-nowrap text-muted-foreground" title={t('comingSoon')}>
          {t('soon')}
        </Badge>
      </span>
    );
  }
  return (
    <Link
      to={item.to}
      className={linkClass}
      activeProps={{ className: activeLinkClass, 'aria-current': 'page' }}
      activeOptions={{ exact: isHomePath(item.to) }}
    >
      <item.icon aria-hidden="true" className="size-5 shrink-0" />
      {t(`nav.${item.label}`)}
    </Link>
  );
}
