import {
  BarChart3,
  BookOpen,
  Building2,
  ClipboardList,
  FileUp,
  GraduationCap,
  LayoutDashboard,
  type LucideIcon,
  MessageSquare,
  ScanEye,
  ScrollText,
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
  | 'library'
  | 'preview'
  | 'students'
  | 'teachers'
  | 'auditLog'
  | 'import';

/** A navigation entry; entries without `to` are screens that later issues add (shown as "coming soon"). */
export type NavItem = { label: NavLabel; icon: LucideIcon; to?: string };

const settings: NavItem = { label: 'settings', icon: Settings, to: '/settings' };
const preview: NavItem = { label: 'preview', icon: ScanEye, to: '/preview/books' };

export const NAVIGATION_BY_ROLE: Record<Role, NavItem[]> = {
  admin: [
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.admin },
    { label: 'schools', icon: Building2, to: '/admin/schools' },
    { label: 'publishers', icon: Store, to: '/admin/publishers' },
    { label: 'users', icon: Users, to: '/admin/users' },
    { label: 'auditLog', icon: ScrollText, to: '/admin/audit-log' },
    { label: 'import', icon: FileUp, to: '/admin/import' },
    { label: 'books', icon: BookOpen, to: '/books' },
    preview,
    settings,
  ],
  publisher: [
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.publisher },
    { label: 'schools', icon: Building2, to: '/publisher/schools' },
    { label: 'teachers', icon: Users, to: '/publisher/teachers' },
    { label: 'import', icon: FileUp, to: '/publisher/import' },
    { label: 'books', icon: BookOpen, to: '/books' },
    { label: 'analytics', icon: BarChart3 },
    preview,
    settings,
  ],
  teacher: [
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.teacher },
    { label: 'classes', icon: Users, to: '/teacher/classes' },
    { label: 'students', icon: GraduationCap, to: '/teacher/students' },
    { label: 'books', icon: BookOpen, to: '/books' },
    { label: 'assignments', icon: ClipboardList, to: '/teacher/assignments' },
    { label: 'progress', icon: TrendingUp },
    { label: 'messages', icon: MessageSquare },
    preview,
    settings,
  ],
  student: [
    // The student's dashboard is their assignments list: no separate entry.
    { label: 'dashboard', icon: LayoutDashboard, to: HOME_PATH_BY_ROLE.student },
    { label: 'library', icon: BookOpen, to: '/books' },
    { label: 'messages', icon: MessageSquare },
    settings,
  ],
};
