/**
 * `npm run verify-record <file> [--final-hash <hash>]`: checks a downloaded record log. Prints OK with the
 * final hash (exit 0), or names the first entry that does not match (exit 1). Exit 2 for a usage error.
 */
import { readFile } from 'node:fs/promises';
import { describeCheck, verifyRecordLog } from './verifyRecordLog.js';

async function main(args: string[]): Promise<number> {
  const hashAt = args.indexOf('--final-hash');
  const expected = hashAt >= 0 ? args[hashAt + 1] : undefined;
  const files = args.filter((_arg, index) => hashAt < 0 || (index !== hashAt && index !== hashAt + 1));
  if (files.length !== 1 || (hashAt >= 0 && !expected)) {
    process.stderr.write('Usage: npm run verify-record -- <log file> [--final-hash <hash from the published record>]\n');
    return 2;
  }
  const [file] = files as [string];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const check = verifyRecordLog(text, expected);
  (check.ok ? process.stdout : process.stderr).write(`${describeCheck(check)}\n`);
  return check.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
