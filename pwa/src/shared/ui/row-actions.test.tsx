import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/shared/api/api-error';

import { DeleteConfirmDialog } from './confirm-dialog';
import { RowActions } from './list-controls';

type Outcome = { onSuccess: () => void; onError: (error: unknown) => void };
const ada = { id: 'a1', name: 'Ada' };

describe('RowActions', () => {
  it("puts the row's own buttons first, then edit and delete, each named for the row", async () => {
    const onEdit = vi.fn();
    const onDelete = vi.fn();
    render(
      <RowActions editLabel="Edit Ada" deleteLabel="Delete Ada" onEdit={onEdit} onDelete={onDelete}>
        <button type="button">Reset Ada</button>
      </RowActions>,
    );

    const buttons = screen.getAllByRole('button');
    expect(buttons.map((button) => button.getAttribute('aria-label') ?? button.textContent)).toEqual(['Reset Ada', 'Edit Ada', 'Delete Ada']);
    expect(buttons[1]).not.toHaveAttribute('title');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Edit Ada' }));
    expect([onEdit.mock.calls.length, onDelete.mock.calls.length]).toEqual([1, 0]);
    await user.click(screen.getByRole('button', { name: 'Delete Ada' }));
    expect([onEdit.mock.calls.length, onDelete.mock.calls.length]).toEqual([1, 1]);
  });

  it('shows the labels as tooltips when titled', () => {
    render(<RowActions titled editLabel="Edit Ada" deleteLabel="Delete Ada" onEdit={() => undefined} onDelete={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Edit Ada' })).toHaveAttribute('title', 'Edit Ada');
    expect(screen.getByRole('button', { name: 'Delete Ada' })).toHaveAttribute('title', 'Delete Ada');
  });
});

function renderDialog(item: typeof ada | null, remove: (id: string, outcome: Outcome) => void) {
  const calls = { closed: 0, deleted: [] as (typeof ada)[], errors: [] as (string | null)[] };
  render(
    <DeleteConfirmDialog
      item={item}
      onClose={() => (calls.closed += 1)}
      title="Delete Ada?"
      description="This cannot be undone."
      confirmLabel="Delete"
      cancelLabel="Cancel"
      remove={remove}
      onDeleted={(deleted) => calls.deleted.push(deleted)}
      setError={(message) => calls.errors.push(message)}
    />,
  );
  return { calls, user: userEvent.setup() };
}

describe('DeleteConfirmDialog', () => {
  it('stays closed without an item', () => {
    renderDialog(null, () => undefined);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('clears the last error, deletes the item by id and reports it deleted', async () => {
    const removed: string[] = [];
    const { calls, user } = renderDialog(ada, (id, outcome) => {
      removed.push(id);
      outcome.onSuccess();
    });

    expect(screen.getByRole('alertdialog', { name: 'Delete Ada?' })).toHaveTextContent('This cannot be undone.');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(removed).toEqual(['a1']);
    expect(calls.deleted).toEqual([ada]);
    expect(calls.errors).toEqual([null]);
    expect(calls.closed).toBe(1);
  });

  it("shows the server's message when the server refuses", async () => {
    const refusal = new ApiError({ status: 409, code: 'CONFLICT', message: 'Ada still has classes.' });
    const { calls, user } = renderDialog(ada, (_id, outcome) => outcome.onError(refusal));

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(calls.errors).toEqual([null, 'Ada still has classes.']);
    expect(calls.deleted).toEqual([]);
  });

  it('says the server could not be reached when the request never got an answer', async () => {
    const { calls, user } = renderDialog(ada, (_id, outcome) => outcome.onError(new TypeError('Failed to fetch')));

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(calls.errors).toEqual([null, 'The server could not be reached. Check the connection and try again.']);
  });

  it('deletes nothing when cancelled', async () => {
    const remove = vi.fn();
    const { calls, user } = renderDialog(ada, remove);

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(remove).not.toHaveBeenCalled();
    expect([calls.closed, calls.errors]).toEqual([1, []]);
  });
});
