export type Engine = 'pglite' | 'postgres';

/** Row objects as the drivers return them: column name → parsed value. */
export type Row = Record<string, unknown>;

/** What repositories need: parameterised statements. Both a Db and a transaction are one. */
export interface Queryable {
  /** One statement with $1… placeholders; values are never spliced into the SQL text. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** A multi-statement script without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: Engine;
  /**
   * Runs `fn` between BEGIN and COMMIT, or ROLLBACK if it throws (the error is rethrown).
   * Use the `tx` handle inside: statements on the Db itself run outside the transaction
   * (PostgreSQL) or wait until it ends (PGlite), so calling the Db from `fn` deadlocks there.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
