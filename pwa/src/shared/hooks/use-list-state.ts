import { useEffect, useState } from 'react';

/** Search (debounced), sort and page of a server-side list; a new search or sort goes back to page 1. */
export function useListState<Sort extends string>(defaultSort: Sort, delayMs = 300) {
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSortState] = useState<Sort>(defaultSort);
  const [page, setPage] = useState(1);

  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(searchInput.trim());
      setPage(1);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [searchInput, delayMs]);

  const setSort = (next: Sort) => {
    setSortState(next);
    setPage(1);
  };

  return { searchInput, setSearchInput, search: search || undefined, sort, setSort, page, setPage };
}
