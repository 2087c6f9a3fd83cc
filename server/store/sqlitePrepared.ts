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
