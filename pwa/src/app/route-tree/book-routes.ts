import { createRoute, lazyRouteComponent } from '@tanstack/react-router';

import { requireAnyRole } from '../guards';
import { bookPageSearch } from '../routes/book-page-search';
import { signedInRoute } from './base';

// The book catalogue and viewer, for every role that sees books (the server decides which books).
export const booksRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/books',
  component: lazyRouteComponent(() => import('@/features/books/components/book-catalogue'), 'BookCatalogue'),
});

export const bookViewerRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/books/$bookId',
  validateSearch: (search: Record<string, unknown>): { page: number } => ({ page: bookPageSearch(search.page) }),
  component: lazyRouteComponent(() => import('../routes/book-viewer-route'), 'BookViewerRoute'),
});

// Teacher preview of a book's activities (the books feature's catalogue links here).
const requirePreviewRole = requireAnyRole('teacher', 'publisher', 'admin');

export const previewBooksRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/preview/books',
  beforeLoad: requirePreviewRole,
  component: lazyRouteComponent(() => import('../routes/preview/books-page'), 'PreviewBooksPage'),
});

export const previewBookRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/preview/books/$bookId',
  beforeLoad: requirePreviewRole,
  component: lazyRouteComponent(() => import('../routes/preview/book-page'), 'PreviewBookPage'),
});

export const previewActivityRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/preview/activities/$activityId',
  beforeLoad: requirePreviewRole,
  component: lazyRouteComponent(() => import('../routes/preview/activity-page'), 'PreviewActivityPage'),
});
