import {
  BarChart3,
  BookOpen,
  Building2,
  ClipboardList,
  LayoutDashboard,
  type LucideIcon,
  MessageSquare,
  Settings,
  Store,
  TrendingUp,
  Users,
} from 'lucide-react';

import type { Role } from '@/shared/api/types';

import { HOME_PATH_BY_ROLE } from './guards';

type NavLabel =
  | 'dashboard'
  | 'settings'
  | 'users'
  | 'schools'
  | 'publishers'
  | 'books'
  | 'classes'
  | 'assignments'
  | 'progress'
  | 'messages'
  | 'analytics'
  | 'library';

/** A navigation entry; entries without `to` are screens that later issues add (shown as "coming soon"). */
export type NavItem = { label: NavLabel; icon: LucideIcon; to?: string };

const settings: NavItem = { label: 'settings', icon: Settings, to: '/settings' };

export const NAVIGATION_BY_ROLE: Record<Role, NavItem[]> = {
  admin: [
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.admin },
    { label: 'schools', icon: Building2 },
    { label: 'publishers', icon: Store },
    { label: 'users', icon: Users },
    settings,
  ],
  publisher: [
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.publisher },
    { label: 'books', icon: BookOpen },
    { label: 'analytics', icon: BarChart3 },
    settings,
  ],
  teacher: [
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.teacher },
    { label: 'classes', icon: Users },
    { label: 'assignments', icon: ClipboardList },
    { label: 'progress', icon: TrendingUp },
    { label: 'messages', icon: MessageSquare },
    settings,
  ],
  student: [
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.student },
    { label: 'assignments', icon: ClipboardList },
    { label: 'library', icon: BookOpen },
    { label: 'messages', icon: MessageSquare },
    settings,
  ],
};
