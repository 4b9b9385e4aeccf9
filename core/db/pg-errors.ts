/** PostgreSQL's unique_violation (SQLSTATE 23505) on the named constraint; pg and PGlite both carry the fields. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const details = error as { code?: unknown; constraint?: unknown } | null;
  return details?.code === '23505' && details.constraint === constraint;
}

/** PostgreSQL's undefined_table (SQLSTATE 42P01), e.g. knex_migrations before the first migration. */
export function isUndefinedTable(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '42P01';
}
