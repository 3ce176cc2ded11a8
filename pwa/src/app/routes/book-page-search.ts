/** The `?page=` of the book viewer: a 1-based page position, 1 when absent or not a positive whole number. */
export function bookPageSearch(value: unknown): number {
  const page = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
