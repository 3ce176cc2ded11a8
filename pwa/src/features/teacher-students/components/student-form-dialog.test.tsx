import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { errorEnvelope, fakeFetch, okEnvelope } from '@/test/envelopes';

import { StudentFormDialog } from './student-form-dialog';

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const created = {
  id: '22222222-2222-4222-8222-222222222222',
  user_id: '33333333-3333-4333-8333-333333333333',
  school_id: '44444444-4444-4444-8444-444444444444',
  full_name: 'Mia Chen',
  email: null,
  username: 'mia.c',
  grade: '3',
  parent_email: null,
  is_active: true,
  created_by_teacher_id: null,
  created_at: '2026-01-01T00:00:00Z',
  generated_password: 'happy-panda-17',
};

afterEach(() => vi.unstubAllGlobals());

function renderForm() {
  const onCreated = vi.fn();
  const onOpenChange = vi.fn();
  render(<StudentFormDialog open onOpenChange={onOpenChange} student={null} onCreated={onCreated} />, { wrapper });
  return { onCreated, onOpenChange, user: userEvent.setup() };
}

describe('StudentFormDialog', () => {
  it('checks the fields before sending anything', async () => {
    const server = fakeFetch({});
    vi.stubGlobal('fetch', server.fetch);
    const { user } = renderForm();

    await user.type(screen.getByLabelText('Username (for children without email)'), 'a b');
    await user.type(screen.getByLabelText("Parent's email"), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Enter a name.')).toBeInTheDocument();
    expect(screen.getByText('A username has 3 to 64 characters, without spaces or @.')).toBeInTheDocument();
    expect(screen.getByText('Enter an email address like name@example.com.')).toBeInTheDocument();
    expect(screen.getByLabelText('Full name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Full name')).toHaveAccessibleDescription('Enter a name.');
    expect(server.requests).toHaveLength(0);
  });

  it('sends only the filled fields and hands over the generated password', async () => {
    const bodies: unknown[] = [];
    const server = fakeFetch({
      'POST /api/v1/teachers/me/students': async (request) => {
        bodies.push(await request.json());
        return okEnvelope(created, { status: 201 });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    const { user, onCreated, onOpenChange } = renderForm();

    await user.type(screen.getByLabelText('Full name'), '  Mia Chen ');
    await user.type(screen.getByLabelText('Username (for children without email)'), 'mia.c');
    await user.type(screen.getByLabelText('Grade'), '3');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(bodies).toEqual([{ full_name: 'Mia Chen', username: 'mia.c', grade: '3' }]);
    expect(onCreated).toHaveBeenCalledWith({ login: 'mia.c', password: 'happy-panda-17', fullName: 'Mia Chen' });
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('puts the server’s field errors next to the fields and a conflict above the form', async () => {
    let calls = 0;
    const server = fakeFetch({
      'POST /api/v1/teachers/me/students': () => {
        calls += 1;
        return calls === 1
          ? errorEnvelope(400, 'INVALID_INPUT', 'Some fields are not valid.', [
              { field: 'email', message: 'The domain name does not exist.' },
            ])
          : errorEnvelope(409, 'CONFLICT', 'An account with this email or username already exists.');
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    const { user, onCreated } = renderForm();

    await user.type(screen.getByLabelText('Full name'), 'Mia Chen');
    await user.type(screen.getByLabelText('Email'), 'mia@nowhere.invalid');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The domain name does not exist.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An account with this email or username already exists.');
    expect(onCreated).not.toHaveBeenCalled();
  });
});
