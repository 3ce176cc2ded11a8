import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Role } from '@/shared/api/types';
import { session } from '@/shared/session/session';
import { fakeFetch, makeMe, okEnvelope } from '@/test/envelopes';
import { renderApp } from '@/test/render-app';

import type { BookPages } from '../api/get-book-pages';

afterEach(() => {
  vi.unstubAllGlobals();
});

const BOOK_ID = '11111111-1111-4111-8111-111111111111';
const CIRCLE_ID = '22222222-2222-4222-8222-222222222222';
const MATCH_ID = '33333333-3333-4333-8333-333333333333';

const BOOK = {
  id: BOOK_ID,
  dream_storage_id: 'DREAM-EN-1',
  title: 'Dream English 1',
  publisher_id: null,
  publisher_name: 'Dream Publishing',
  language: 'en',
  status: 'active',
  cover_url: null,
  synced_at: null,
};

const PAGES: BookPages = {
  book_id: BOOK_ID,
  pages: [
    {
      module_index: 0,
      module_name: 'Module 1',
      page_number: 4,
      image_url: 'https://s3.test/books/DREAM-EN-1/images/M1/4.png',
      audio: [
        { section_index: 0, title: 'Listen to the animals.', coords: { x: 40, y: 120, w: 720, h: 240 }, url: 'https://s3.test/a.wav' },
      ],
      markers: [
        {
          activity_id: CIRCLE_ID,
          section_index: 1,
          activity_type: 'circle',
          title: 'Circle the right word.',
          coords: { x: 40, y: 660, w: 720, h: 240 },
        },
      ],
    },
    {
      module_index: 1,
      module_name: 'Module 2',
      page_number: 6,
      image_url: 'https://s3.test/books/DREAM-EN-1/images/M2/6.png',
      audio: [],
      markers: [{ activity_id: MATCH_ID, section_index: 0, activity_type: 'matchTheWords', title: null, coords: null }],
    },
  ],
};

function openViewer(role: Role, page = 1) {
  session.set({ status: 'signed-in', me: makeMe(role) });
  const server = fakeFetch({
    [`GET /api/v1/books/${BOOK_ID}`]: () => okEnvelope(BOOK),
    [`GET /api/v1/books/${BOOK_ID}/pages`]: () => okEnvelope(PAGES),
  });
  vi.stubGlobal('fetch', server.fetch);
  return renderApp(`/books/${BOOK_ID}?page=${page}`);
}

/** jsdom loads no images: report the page image's natural size as the browser would. */
async function loadPageImage(name: RegExp) {
  const image = await screen.findByRole('img', { name });
  Object.defineProperty(image, 'naturalWidth', { value: 800 });
  Object.defineProperty(image, 'naturalHeight', { value: 1000 });
  fireEvent.load(image);
  return image;
}

describe('book viewer', () => {
  it('shows a teacher the page with markers that open the activity preview, placed in image proportions', async () => {
    openViewer('teacher');
    await loadPageImage(/Module 1, page 4/);

    const marker = screen.getByRole('link', { name: 'Preview activity: Circle the right word.' });
    expect(marker).toHaveAttribute('href', `/preview/activities/${CIRCLE_ID}`);
    expect(marker.style).toMatchObject({ left: '5%', top: '66%', width: '90%', height: '24%' });
    const activities = screen.getByRole('region', { name: 'Activities on this page' });
    expect(within(activities).getByRole('link', { name: 'Circle the right word.' })).toHaveAttribute(
      'href',
      `/preview/activities/${CIRCLE_ID}`,
    );
    expect(screen.getByRole('button', { name: 'Play audio: Listen to the animals.' })).toHaveStyle({ top: '12%' });
  });

  it('turns pages with the buttons and the arrow keys, keeping the page in the URL', async () => {
    const { history, user } = openViewer('teacher');
    await loadPageImage(/Module 1, page 4/);
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await loadPageImage(/Module 2, page 6/);
    expect(history.location.search).toBe('?page=2');
    // A marker without coords is not drawn on the page but is listed with its type's name.
    expect(screen.queryByTestId('activity-marker')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Match the words activity' })).toHaveAttribute(
      'href',
      `/preview/activities/${MATCH_ID}`,
    );
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await user.keyboard('{ArrowLeft}');
    expect(await screen.findByRole('img', { name: /Module 1, page 4/ })).toBeInTheDocument();
    await waitFor(() => expect(history.location.search).toBe('?page=1'));
  });

  it('swipes to the next page and zooms with the controls', async () => {
    const { user } = openViewer('teacher');
    await loadPageImage(/Module 1, page 4/);

    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(screen.getByText('Zoom 150%')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Fit page' }));
    expect(screen.getByText('Zoom 100%')).toBeInTheDocument();

    const frame = screen.getByTestId('page-frame');
    fireEvent.pointerDown(frame, { pointerId: 1, clientX: 300, clientY: 200 });
    fireEvent.pointerMove(frame, { pointerId: 1, clientX: 150, clientY: 210 });
    fireEvent.pointerUp(frame, { pointerId: 1, clientX: 150, clientY: 210 });

    expect(await screen.findByRole('img', { name: /Module 2, page 6/ })).toBeInTheDocument();
  });

  it('shows a student where the activities are without preview links', async () => {
    openViewer('student', 1);
    await loadPageImage(/Module 1, page 4/);

    expect(screen.getByTestId('activity-marker').tagName).toBe('SPAN');
    const activities = screen.getByRole('region', { name: 'Activities on this page' });
    expect(within(activities).getByText('Circle the right word.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Preview activity/ })).not.toBeInTheDocument();
  });
});
