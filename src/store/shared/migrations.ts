import { StoreError } from '../errors.ts'

/** One schema step. Migrations are data: an ordered list, applied in order, each in its own transaction. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** Refuses to touch a database written by a newer Verity: its schema may mean things this code does not know. */
export function checkNotNewer(
  databaseVersion: number,
  migrations: readonly Migration[],
  where: string,
): void {
  const known = migrations.at(-1)?.version ?? 0
  if (databaseVersion > known) {
    throw new StoreError(
      'STORE_SCHEMA_TOO_NEW',
      `The database ${where} has schema version ${databaseVersion}, but this Verity knows versions up to ${known}. Upgrade Verity, or point it at another data directory.`,
    )
  }
}

/** Migrations not applied yet, in order. */
export function pendingMigrations(databaseVersion: number, migrations: readonly Migration[]): Migration[] {
  return migrations.filter((migration) => migration.version > databaseVersion)
}
