/** Command-line flags of the load scripts: `--name value` pairs. */

/** The value after `name` in `argv`, or undefined when the flag is absent; a flag given without a value is an error. */
export function flagValue(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const next = argv[at + 1];
  if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value`);
  return next;
}
