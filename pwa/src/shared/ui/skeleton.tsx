import type { ComponentProps } from 'react';

import { cn } from '@/shared/lib/cn';

/** A grey placeholder with the shape of content still loading; hidden from screen readers (say "loading" elsewhere). */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden="true" className={cn('rounded-md bg-muted motion-safe:animate-pulse', className)} {...props} />;
}
