// `release-cockpit --help` and `release-cockpit COMMAND --help`, generated from the tables of options.ts.
import {
  COMMANDS,
  COMMON_FLAGS,
  TYPED_COMMANDS,
  flagSpec,
  flagsOf,
  type Command,
  type CommandSpec,
  type FlagName,
} from './options.js';

const NAME = 'release-cockpit';

/** The general help: every command's synopsis and summary. */
export function generalHelp(): string {
  const rows: [string, string][] = [[NAME, COMMANDS.tui.summary]];
  for (const c of TYPED_COMMANDS)
    rows.push([`${NAME} ${(COMMANDS[c] as CommandSpec).usage}`, (COMMANDS[c] as CommandSpec).summary]);
  const lines = [`${NAME}: drive a multi-ecosystem monorepo release from a full-screen cockpit.`, '', 'Usage:'];
  for (const [usage, summary] of rows) lines.push(`  ${usage}`, `      ${summary}`);
  lines.push(
    '',
    `Everywhere: ${flagColumn('tui', 'repo')} (default: current directory), ${flagColumn('tui', 'config')} (default: <repo>/.releaserc.json; \`demo --config\` prints the demo's plan instead).`,
    `\`${NAME} COMMAND --help\` explains a command's flags.`,
    '',
  );
  return lines.join('\n');
}

/** One command: its synopsis, what it does, each flag it accepts and what the flag does there. */
export function commandHelp(command: Command): string {
  const spec = COMMANDS[command] as CommandSpec;
  const own = Object.keys(spec.flags) as FlagName[];
  const common = (Object.keys(COMMON_FLAGS) as FlagName[]).filter((f) => !own.includes(f));
  const described = flagsOf(command);
  const rows: [string, string][] = [...own, ...common].map((f) => [flagColumn(command, f), described[f]!]);
  if (spec.positionals) rows.unshift([spec.positionals.name, spec.positionals.description]);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [`Usage: ${NAME}${spec.usage ? ` ${spec.usage}` : ''}`, '', spec.summary, '', 'Options:'];
  for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`);
  lines.push('');
  return lines.join('\n');
}

function flagColumn(command: Command, name: FlagName): string {
  const spec = flagSpec(command, name);
  const long = `--${name}${spec.value ? ` ${spec.choices ? spec.choices.join('|') : spec.value}` : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : long;
}
