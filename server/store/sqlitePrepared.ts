import type Database from 'better-sqlite3';

/**
 * Statements prepared once per connection: better-sqlite3 compiles the SQL on every `prepare`, and the
 * group commit and the wall's record append run on the way to every broadcast (issue 15: two prepares
 * were ~10 % of a quiet note's server time in the profile). Keyed weakly, so a closed store's go with it.
 */
const preparedByDb = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepared(db: Database.Database, sql: string): Database.Statement {
  let statements = preparedByDb.get(db);
  if (!statements) {
    statements = new Map();
    preparedByDb.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

const transactionsByDb = new WeakMap<Database.Database, Map<string, Database.Transaction<never>>>();

/**
 * A transaction wrapper made once per connection and name: better-sqlite3 builds a new wrapper on every
 * `db.transaction(fn)`, and the record log's append and chaining run after every wall change.
 */
export function preparedTransaction<F extends (...args: never[]) => unknown>(db: Database.Database, name: string, build: () => F): Database.Transaction<F> {
  let transactions = transactionsByDb.get(db);
  if (!transactions) {
    transactions = new Map();
    transactionsByDb.set(db, transactions);
  }
  let transaction = transactions.get(name) as Database.Transaction<F> | undefined;
  if (!transaction) {
    transaction = db.transaction(build());
    transactions.set(name, transaction as unknown as Database.Transaction<never>);
  }
  return transaction;
}
