import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { errorEnvelope, fakeFetch } from '@/test/envelopes';

import { LoginCardsDialog } from './login-cards-dialog';

afterEach(() => vi.unstubAllGlobals());

function setup(handler: (request: Request) => Response | Promise<Response>) {
  const server = fakeFetch({ 'POST /api/v1/teachers/me/students/login-cards': handler });
  vi.stubGlobal('fetch', server.fetch);
  const created: Blob[] = [];
  vi.stubGlobal('URL', Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      created.push(blob);
      return `blob:test/${created.length}`;
    },
    revokeObjectURL: () => undefined,
  }));
  const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LoginCardsDialog open onOpenChange={() => undefined} studentIds={['a1', 'b2']} classId="c3" title="Login cards for 3B" />
    </QueryClientProvider>,
  );
  return { server, created, clicks, user: userEvent.setup() };
}

describe('LoginCardsDialog', () => {
  it('asks for the class’s cards with new passwords and downloads the PDF', async () => {
    const bodies: unknown[] = [];
    const { created, clicks, user } = setup(async (request) => {
      bodies.push(await request.json());
      return new Response('%PDF-1.7 cards', {
        headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="login-cards.pdf"' },
      });
    });

    expect(screen.getByRole('checkbox', { name: /Make new passwords/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Download PDF' }));

    expect(await screen.findByRole('link', { name: 'Open them to print' })).toHaveAttribute('href', 'blob:test/1');
    expect(bodies).toEqual([{ student_ids: ['a1', 'b2'], class_id: 'c3', reset_passwords: true }]);
    expect(created[0]?.type).toBe('application/pdf');
    expect(clicks).toHaveBeenCalled();
  });

  it('can keep the old passwords, and shows the server’s refusal', async () => {
    const bodies: unknown[] = [];
    const { user } = setup(async (request) => {
      bodies.push(await request.json());
      return errorEnvelope(404, 'NOT_FOUND', 'Some of these students are not yours.');
    });

    await user.click(screen.getByRole('checkbox', { name: /Make new passwords/ }));
    await user.click(screen.getByRole('button', { name: 'Download PDF' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Some of these students are not yours.');
    expect(bodies).toEqual([{ student_ids: ['a1', 'b2'], class_id: 'c3', reset_passwords: false }]);
  });
});
