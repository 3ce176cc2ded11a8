import { getRouteApi } from '@tanstack/react-router';

import { BookViewer } from '@/features/books/components/book-viewer';

const route = getRouteApi('/signed-in/books/$bookId');

/** The viewer with its page in the URL (`?page=`, 1-based), so a reload or a shared link opens the same page. */
export function BookViewerRoute() {
  const { bookId } = route.useParams();
  const { page } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <BookViewer
      bookId={bookId}
      pageIndex={page - 1}
      onPageChange={(index) => void navigate({ search: { page: index + 1 }, replace: true })}
    />
  );
}
