export const bookKeys = { all: ['books'] as const };
