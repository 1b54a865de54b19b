// Argument parsing: the command first, then the flags of that command's table (options.ts). A flag
// another command owns, a typo, a missing value or a stray argument is one sentence naming the fix.
import { parseArgs as nodeParseArgs } from 'node:util';
import { UserError } from '../core/user-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import {
  COMMANDS,
  FLAGS,
  TYPED_COMMANDS,
  flagSpec,
  flagsOf,
  redefined,
  type Command,
  type FlagName,
  type Redefined,
} from './options.js';

export type Mode = Command | 'version';
export const MODES = [...Object.keys(COMMANDS), 'version'] as Mode[];

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type FlagValue<F> = F extends { type: 'boolean' }
  ? boolean
  : F extends { choices: readonly (infer C)[] }
    ? C | undefined
    : string | undefined;

/** One field per flag of FLAGS (camelCase), plus the mode, the resolved repo and the positionals. */
export type CliArgs = { [K in Exclude<FlagName, 'repo' | 'help'> as Camel<K>]: FlagValue<(typeof FLAGS)[K]> } & {
  mode: Mode;
  repo: string;
  /** --repo as typed (the resume command repeats it). */
  repoGiven?: string;
  /** Positional arguments after the command (crate names for rollback). */
  rest: string[];
  /** `demo --config`: print the demo's release plan instead of running it. */
  printConfig: boolean;
  /** For `help`: the command to explain (undefined: the general help). */
  helpFor?: Command;
};

const seeHelp = (command: Command): string =>
  `See \`release-cockpit ${command === 'tui' ? '' : `${command} `}--help\`.`;

export function parseArgs(argv: string[]): CliArgs {
  const { command, index } = findCommand(argv);
  const rest = index === -1 ? argv : [...argv.slice(0, index), ...argv.slice(index + 1)];
  // The bare `--version` prints the tool's version; `--version V` (a release) is the cockpit's flag.
  const at = rest.indexOf('--version');
  const bareVersion = at !== -1 && (rest[at + 1] === undefined || rest[at + 1]!.startsWith('-'));
  const printsVersion = rest.includes('-V') || bareVersion;
  if (command === 'tui' && printsVersion) return emptyArgs('version');
  const options = rest.indexOf('--') === -1 ? rest : rest.slice(0, rest.indexOf('--'));
  // --help wins over anything else on the line: the user is asking how to write the rest of it.
  if (options.includes('--help') || options.includes('-h'))
    return { ...emptyArgs('help'), helpFor: command === 'help' ? undefined : command };
  const { values, positionals } = parseFlags(command, rest);
  if (command === 'help') return { ...emptyArgs('help'), helpFor: helpTarget(positionals) };
  return toCliArgs(command, values, positionals);
}

/** The first argument that is not a flag or a flag's value; `tui` when there is none. */
function findCommand(argv: string[]): { command: Command; index: number } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-')) {
      const spec = (FLAGS as Record<string, { type: string }>)[a.replace(/^--?/, '')];
      if (spec?.type === 'string' && !a.includes('=')) i++;
      continue;
    }
    if ((TYPED_COMMANDS as string[]).includes(a)) return { command: a as Command, index: i };
    const guess = didYouMean(a, TYPED_COMMANDS);
    throw new UserError(`unknown command \`${a}\`${guess ? `; did you mean \`${guess}\`?` : '.'}`, {
      hint: `Expected one of: ${TYPED_COMMANDS.join(', ')}.`,
    });
  }
  return { command: 'tui', index: -1 };
}

type Values = Record<string, string | boolean | undefined>;

function parseFlags(command: Command, argv: string[]): { values: Values; positionals: string[] } {
  const accepted = flagsOf(command);
  const options = Object.fromEntries(Object.keys(accepted).map((n) => [n, flagSpec(command, n as FlagName)]));
  const { tokens } = nodeParseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const values: Values = {};
  const positionals: string[] = [];
  let previous: (typeof tokens)[number] | undefined;
  for (const t of tokens) {
    const before = previous;
    previous = t;
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      const redefinition = before?.kind === 'option' && redefined(command, before.name as FlagName);
      if (redefinition) throw takesNoValue(command, before.rawName, t.value, redefinition);
      positionals.push(t.value);
      continue;
    }
    const name = t.name as FlagName;
    if (!(name in accepted)) throw unknownFlag(command, t.rawName);
    values[name] = flagValue(command, name, t.rawName, t.value, t.inlineValue === true);
  }
  const takes = (COMMANDS[command] as { positionals?: unknown }).positionals !== undefined;
  if (!takes && positionals.length > 0) {
    const what = command === 'tui' ? 'release-cockpit takes' : `\`${command}\` takes`;
    throw new UserError(`${what} no argument \`${positionals[0]}\`.`, { hint: seeHelp(command) });
  }
  return { values, positionals };
}

function flagValue(
  command: Command,
  name: FlagName,
  raw: string,
  value: string | undefined,
  inline: boolean,
): string | boolean {
  const spec = flagSpec(command, name);
  if (spec.type === 'boolean') {
    const redefinition = redefined(command, name);
    if (value !== undefined && redefinition) throw takesNoValue(command, raw, value, redefinition);
    if (value !== undefined)
      throw new UserError(`\`${raw}\` takes no value (got \`${value}\`).`, { hint: seeHelp(command) });
    return true;
  }
  if (value === undefined || value === '' || (!inline && value.startsWith('-'))) {
    throw new UserError(`\`${raw}\` needs a value (${spec.value ?? 'VALUE'}).`, {
      hint: value?.startsWith('-') ? `Write \`${raw}=${value}\` if that is the value.` : seeHelp(command),
    });
  }
  if (spec.choices && !spec.choices.includes(value)) {
    const guess = didYouMean(value, spec.choices);
    throw new UserError(
      `\`${raw}\` must be ${orList(spec.choices)}, not \`${value}\`${guess ? `; did you mean \`${guess}\`?` : '.'}`,
    );
  }
  return value;
}

/** A redefined switch given a value (`demo --config FILE`): what it does here instead. */
function takesNoValue(command: Command, raw: string, value: string, redefinition: Redefined): UserError {
  return new UserError(`\`${command} ${raw}\` takes no value (got \`${value}\`): it ${redefinition.does}.`, {
    hint: `To run the cockpit on your repository with that config: \`release-cockpit ${raw} ${value}\`. ${seeHelp(command)}`,
  });
}

function unknownFlag(command: Command, raw: string): UserError {
  const name = raw.replace(/^--?/, '');
  const accepted = Object.keys(flagsOf(command));
  const owners = TYPED_COMMANDS.filter((c) => c !== command && name in flagsOf(c));
  const where = command === 'tui' ? '' : ` of \`${command}\``;
  if (name in FLAGS && owners.length > 0) {
    const list = owners.map((c) => `\`${c}\``).join(', ');
    return new UserError(`\`${raw}\` is not an option${where}; it belongs to ${list}.`, { hint: seeHelp(command) });
  }
  const guess = didYouMean(name, accepted);
  const shown = guess
    ? (FLAGS[guess as FlagName] as { short?: string }).short === name
      ? `-${name}`
      : `--${guess}`
    : undefined;
  return new UserError(`unknown option \`${raw}\`${where}${shown ? `; did you mean \`${shown}\`?` : '.'}`, {
    hint: seeHelp(command),
  });
}

function helpTarget(positionals: string[]): Command | undefined {
  const [first] = positionals;
  if (first === undefined) return undefined;
  if ((TYPED_COMMANDS as string[]).includes(first)) return first as Command;
  const guess = didYouMean(first, TYPED_COMMANDS);
  throw new UserError(`unknown command \`${first}\`${guess ? `; did you mean \`${guess}\`?` : '.'}`, {
    hint: `Expected one of: ${TYPED_COMMANDS.join(', ')}.`,
  });
}

function toCliArgs(command: Command, values: Values, positionals: string[]): CliArgs {
  const args = emptyArgs(command);
  const out = args as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (name === 'help') continue;
    const redefinition = redefined(command, name as FlagName);
    if (redefinition) out[redefinition.sets] = value;
    else if (name === 'repo') {
      args.repo = value as string;
      args.repoGiven = value as string;
    } else out[camel(name)] = value;
  }
  args.rest = positionals;
  return args;
}

function emptyArgs(mode: Mode): CliArgs {
  const args: Record<string, unknown> = { mode, repo: process.cwd(), rest: [], printConfig: false };
  for (const [name, spec] of Object.entries(FLAGS)) {
    if (name === 'repo' || name === 'help') continue;
    args[camel(name)] = spec.type === 'boolean' ? false : undefined;
  }
  return args as CliArgs;
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
