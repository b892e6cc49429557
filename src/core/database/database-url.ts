/** The database name of a postgres URL, and the same server's maintenance database URL. */
export function parseDatabaseUrl(databaseUrl: string): { name: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL has no database name: add one, e.g. .../lapor_bridge`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  return { name, maintenanceUrl: maintenance.toString() };
}

/** Quote an SQL identifier (database names cannot be bound as parameters). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
