import type { ReactNode } from 'react';

import { useErrorMessage } from '@/shared/hooks/use-error-message';

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
} from './alert-dialog';

/** Asks before something that cannot be undone; `onConfirm` runs only when the user agrees. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription>{description}</AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel>{cancelLabel}</AlertDialogCancel>
          <AlertDialogAction onClick={onConfirm}>{confirmLabel}</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/**
 * Asks before deleting `item` (open while there is one). On confirm it clears the page's action error, deletes
 * through `remove` (a delete mutation's `mutate`), calls `onDeleted` once the server agrees, and on failure
 * sets the action error to the server's message, or says the server could not be reached.
 */
export function DeleteConfirmDialog<Item extends { id: string }>({
  item,
  onClose,
  title,
  description,
  confirmLabel,
  cancelLabel,
  remove,
  onDeleted,
  setError,
}: {
  item: Item | null;
  onClose: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  remove: (id: string, options: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
  onDeleted?: (item: Item) => void;
  setError: (message: string | null) => void;
}) {
  const errorMessage = useErrorMessage();
  return (
    <ConfirmDialog
      open={item !== null}
      onOpenChange={(open) => !open && onClose()}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      cancelLabel={cancelLabel}
      onConfirm={() => {
        setError(null);
        if (item)
          remove(item.id, {
            onSuccess: () => onDeleted?.(item),
            onError: (error) => setError(errorMessage(error)),
          });
      }}
    />
  );
}
