/** A small, strict option parser: unknown options and missing values are usage errors (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  readonly name: string;
  /** True for a flag without a value. */
  readonly flag?: boolean;
  readonly repeatable?: boolean;
}

export interface ParsedArgs {
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], maxPositionals = 0): ParsedArgs {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.flag) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    const list = values.get(name) ?? [];
    if (list.length && !spec.repeatable) throw new UsageError(`--${name} given twice`);
    list.push(value);
    values.set(name, list);
  }
  if (positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[maxPositionals])}`);
  return { values, flags, positionals };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}

export function required(args: ParsedArgs, name: string): string {
  const value = single(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

export function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T {
  const value = required(args, name);
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T;
}
