import { type ComponentProps, type ReactNode, useId } from 'react';

import { cn } from '@/shared/lib/cn';

import { Input } from './input';
import { Label } from './label';

type FieldFrameProps = { label: string; error?: string | undefined; hint?: string | undefined };

function FieldFrame({
  label,
  error,
  hint,
  children,
}: FieldFrameProps & { children: (ids: { id: string; describedBy: string | undefined }) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children({ id, describedBy })}
      {hint ? (
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text input with its error (and optional hint) wired to it for screen readers. */
export function TextField({ label, error, hint, ...inputProps }: FieldFrameProps & ComponentProps<typeof Input>) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {({ id, describedBy }) => (
        <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...inputProps} />
      )}
    </FieldFrame>
  );
}

export const selectClass =
  'flex h-11 w-full rounded-lg border border-input bg-background px-3 text-base outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/40 aria-invalid:border-destructive disabled:opacity-60';

/** A labelled native select (large touch target, the platform's own picker on tablets). */
export function SelectField({
  label,
  error,
  hint,
  className,
  children,
  ...selectProps
}: FieldFrameProps & ComponentProps<'select'>) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {({ id, describedBy }) => (
        <select
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={cn(selectClass, className)}
          {...selectProps}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
