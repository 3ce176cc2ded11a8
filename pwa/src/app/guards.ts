import { redirect } from '@tanstack/react-router';

import type { Role } from '@/shared/api/types';
import { currentUser } from '@/shared/session/session';

export const HOME_PATH_BY_ROLE = {
  admin: '/admin',
  publisher: '/publisher',
  teacher: '/teacher',
  student: '/student',
} as const satisfies Record<Role, string>;

/** Only same-site paths may be followed after login, so a crafted link cannot send users elsewhere. */
export function safeRedirectTarget(target: unknown): string | undefined {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : undefined;
}

export function requireSignedIn({ location }: { location: { href: string } }): void {
  if (currentUser() === null) {
    throw redirect({ to: '/login', search: { redirect: location.href } });
  }
}

/** Lets only the given role through; anyone else signed in is sent to their own dashboard. */
export function requireRole(role: Role) {
  return (): void => {
    const me = currentUser();
    if (me === null) throw redirect({ to: '/login', search: { redirect: undefined } });
    if (me.role !== role) throw redirect({ to: HOME_PATH_BY_ROLE[me.role] });
  };
}

/** Lets any of the given roles through; anyone else signed in is sent to their own dashboard. */
export function requireAnyRole(...roles: Role[]) {
  return (): void => {
    const me = currentUser();
    if (me === null) throw redirect({ to: '/login', search: { redirect: undefined } });
    if (!roles.includes(me.role)) throw redirect({ to: HOME_PATH_BY_ROLE[me.role] });
  };
}

export function redirectSignedInUserHome(): void {
  const me = currentUser();
  if (me !== null) throw redirect({ to: HOME_PATH_BY_ROLE[me.role] });
}
