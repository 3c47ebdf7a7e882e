/** True when a query failed on a UNIQUE constraint, on SQLite or MySQL/MariaDB. */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; errno?: number } } | undefined)?.driverError ?? (error as { code?: string; errno?: number });
  return driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || driverError?.code === 'ER_DUP_ENTRY' || driverError?.errno === 1062;
}
