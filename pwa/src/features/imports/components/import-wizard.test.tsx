import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { errorEnvelope, fakeFetch, okEnvelope } from '@/test/envelopes';

import type { ImportReport } from '../lib/types';
import { ImportWizard } from './import-wizard';

const UPLOAD = '/api/v1/teachers/me/students/bulk-import';
const TARGETS = [{ kind: 'students' as const, uploadPath: UPLOAD }];

const base: ImportReport = {
  kind: 'students',
  mode: 'validate',
  rows_total: 2,
  rows_valid: 1,
  rows_invalid: 1,
  created: 1,
  updated: 0,
  unchanged: 0,
  problems: [{ row: 3, column: 'username', message: 'This username is taken.' }],
  preview: [
    { row: 2, values: { first_name: 'Ada', last_name: 'Lovelace', username: 'ada.l', class: '3B' }, status: 'new' },
    { row: 3, values: { first_name: 'Alan', last_name: 'Turing', username: 'taken', class: '3B' }, status: 'invalid' },
  ],
  error_sheet_url: null,
  created_credentials: [],
};

async function modeOf(request: Request): Promise<string> {
  // jsdom's FormData travels as multipart text; the mode is one of its parts.
  const body = await request.text();
  const match = /name="mode"\r\n\r\n([a-z_]+)/.exec(body);
  return match?.[1] ?? '';
}

afterEach(() => vi.unstubAllGlobals());

describe('ImportWizard', () => {
  it('checks the file, marks the bad cell, imports only the valid rows and shows the passwords once', async () => {
    const modes: string[] = [];
    const server = fakeFetch({
      [`POST ${UPLOAD}`]: async (request) => {
        const mode = await modeOf(request);
        modes.push(mode);
        if (mode === 'validate') return okEnvelope(base);
        return okEnvelope({
          ...base,
          mode,
          error_sheet_url: '/api/v1/imports/error-sheets/abcdefghijklmnopqrst',
          created_credentials: [
            { student_id: '11111111-1111-4111-8111-111111111111', full_name: 'Ada Lovelace', username: 'ada.l', password: 'sunny-otter-42' },
          ],
        });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    const user = userEvent.setup();
    render(<ImportWizard targets={TARGETS} />);

    // One kind for teachers: it is already chosen.
    expect(screen.getByRole('radio', { name: /Students/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('heading', { name: 'Upload the file' })).toHaveFocus();
    const check = screen.getByRole('button', { name: 'Check the file' });
    expect(check).toBeDisabled();

    await user.upload(
      screen.getByLabelText('Spreadsheet file (.xlsx or .csv)'),
      new File(['first_name,last_name,username,class\nAda,Lovelace,ada.l,3B\nAlan,Turing,taken,3B\n'], 'class.csv', {
        type: 'text/csv',
      }),
    );
    await user.click(check);

    await screen.findByRole('heading', { name: 'Check the rows' });
    expect(screen.getByText('2 rows: 1 ready, 1 with problems.')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'The rows of the file, with problems marked' });
    const badRow = within(table).getByRole('row', { name: /Alan/ });
    const badCell = within(badRow)
      .getAllByRole('cell')
      .find((cell) => cell.getAttribute('aria-invalid') === 'true');
    expect(badCell).toHaveTextContent('taken');
    expect(badCell).toHaveTextContent('This username is taken.');
    const goodRow = within(table).getByRole('row', { name: /Ada/ });
    expect(within(goodRow).getAllByRole('cell').some((cell) => cell.getAttribute('aria-invalid') === 'true')).toBe(false);

    expect(screen.getByRole('button', { name: 'Import all 2 rows' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Import only the valid row' }));

    await screen.findByRole('heading', { name: 'Done' });
    expect(modes).toEqual(['validate', 'valid_only']);
    expect(screen.getByTestId('summary-created')).toHaveTextContent('1');
    expect(screen.getByTestId('summary-rows_invalid')).toHaveTextContent('1');
    const credentials = screen.getByRole('table', { name: 'New sign-in details' });
    expect(within(credentials).getByText('sunny-otter-42')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download the rows not imported' })).toBeInTheDocument();

    // Starting again forgets the passwords.
    await user.click(screen.getByRole('button', { name: 'Import another file' }));
    expect(screen.queryByText('sunny-otter-42')).not.toBeInTheDocument();
  });

  it('imports everything with all_or_nothing when every row is valid', async () => {
    const valid = { ...base, rows_valid: 2, rows_invalid: 0, problems: [], preview: base.preview.map((r) => ({ ...r, status: 'new' as const })) };
    const modes: string[] = [];
    const server = fakeFetch({
      [`POST ${UPLOAD}`]: async (request) => {
        const mode = await modeOf(request);
        modes.push(mode);
        return okEnvelope({ ...valid, mode, created: 2 });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    const user = userEvent.setup();
    render(<ImportWizard targets={TARGETS} />);

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.upload(screen.getByLabelText('Spreadsheet file (.xlsx or .csv)'), new File(['x'], 'c.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    expect(await screen.findByText('Every row is ready to import.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /only the/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import all 2 rows' }));

    await screen.findByRole('heading', { name: 'Done' });
    expect(modes).toEqual(['validate', 'all_or_nothing']);
    expect(screen.getByTestId('summary-created')).toHaveTextContent('2');
  });

  it('shows the server message when the file is refused and stays on the upload step', async () => {
    const server = fakeFetch({
      [`POST ${UPLOAD}`]: () =>
        errorEnvelope(400, 'INVALID_INPUT', 'This is not a spreadsheet (.xlsx or .csv).', [{ field: 'file', message: 'bad' }]),
    });
    vi.stubGlobal('fetch', server.fetch);
    const user = userEvent.setup();
    render(<ImportWizard targets={TARGETS} />);

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.upload(screen.getByLabelText('Spreadsheet file (.xlsx or .csv)'), new File(['%PDF'], 'x.csv'));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This is not a spreadsheet (.xlsx or .csv).');
    expect(screen.getByRole('heading', { name: 'Upload the file' })).toBeInTheDocument();
  });

  it('lets an admin choose the kind and sends it with the file', async () => {
    const kinds: string[] = [];
    const server = fakeFetch({
      'POST /api/v1/admin/bulk-import': async (request) => {
        const body = await request.text();
        kinds.push(/name="kind"\r\n\r\n([a-z]+)/.exec(body)?.[1] ?? '');
        return okEnvelope({ ...base, kind: 'schools' });
      },
    });
    vi.stubGlobal('fetch', server.fetch);
    const user = userEvent.setup();
    render(
      <ImportWizard
        targets={[
          { kind: 'publishers', uploadPath: '/api/v1/admin/bulk-import', extraFields: { kind: 'publishers' } },
          { kind: 'schools', uploadPath: '/api/v1/admin/bulk-import', extraFields: { kind: 'schools' } },
        ]}
      />,
    );

    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: /Schools/ }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.upload(screen.getByLabelText('Spreadsheet file (.xlsx or .csv)'), new File(['x'], 's.xlsx'));
    await user.click(screen.getByRole('button', { name: 'Check the file' }));

    await screen.findByRole('heading', { name: 'Check the rows' });
    expect(kinds).toEqual(['schools']);
  });
});
