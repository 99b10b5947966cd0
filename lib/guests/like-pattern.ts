/**
 * Escapes LIKE/ILIKE wildcards so typed text matches literally. Prisma's `contains`,
 * `startsWith` and `endsWith` pass `%` and `_` through as wildcards (PostgreSQL's default
 * escape character is the backslash), so "a_b" would otherwise also find "axb".
 */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
