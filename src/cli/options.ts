// The CLI's flags and commands as data: what each flag takes, which command accepts it and what it
// does there. Parsing, `COMMAND --help`, did-you-mean and the general help are all derived from
// these two tables, so a new flag is one entry in FLAGS and one line in each command using it.

export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** The value's placeholder in help and errors (`--to VERSION`). */
  value?: string;
  /** The only values a string flag accepts. */
  choices?: readonly string[];
}

/** Every flag of the CLI, once. What a flag does is said per command, in COMMANDS. */
export const FLAGS = {
  repo: { type: 'string', value: 'DIR' },
  config: { type: 'string', value: 'FILE' },
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  headless: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  only: { type: 'string', value: 'PHASE' },
  to: { type: 'string', value: 'VERSION' },
  level: { type: 'string', value: 'LEVEL', choices: ['major', 'minor', 'patch'] },
  commit: { type: 'boolean' },
  force: { type: 'boolean' },
  yank: { type: 'boolean' },
  unyank: { type: 'boolean' },
  report: { type: 'boolean' },
  fast: { type: 'boolean' },
  version: { type: 'string', value: 'V' },
  all: { type: 'boolean' },
  retry: { type: 'string', value: 'STEP' },
  skip: { type: 'string', value: 'STEP' },
  reason: { type: 'string', value: 'TEXT' },
  fresh: { type: 'boolean' },
  clean: { type: 'boolean' },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

export interface CommandSpec {
  /** The synopsis after `release-cockpit` (empty for the bare command). */
  usage: string;
  /** One sentence: what the command does. */
  summary: string;
  /** The flags it accepts (besides --repo, --config and --help) and what each does here. */
  flags: Partial<Record<FlagName, string>>;
  /** Positional arguments it takes, when any (rollback's crate names). */
  positionals?: { name: string; description: string };
  /** A common flag that is a switch here, setting another field (the demo's `--config` prints its plan). */
  redefines?: Partial<Record<FlagName, Redefined>>;
}

/** A flag's meaning in one command: a switch setting the CliArgs field `sets`. */
export interface Redefined {
  type: 'boolean';
  sets: 'printConfig';
  /** What it does, for the sentence refusing a value (`it prints ...`). */
  does: string;
}

/** Accepted by every command. */
export const COMMON_FLAGS: Partial<Record<FlagName, string>> = {
  repo: 'the repository to release (default: the current directory)',
  config: 'the config file (default: <repo>/.releaserc.json)',
  help: 'explain this command and its flags',
};

export const COMMANDS = {
  tui: {
    usage: '[--version V]',
    summary:
      'Opens the full-screen cockpit for the repository; without a terminal it refuses (exit 2) and names `run --headless`.',
    flags: { version: "the release of that version (default: the release in progress, else the config's version)" },
  },
  plan: {
    usage: 'plan [--json]',
    summary:
      'Prints the plan: versions, phases and steps, crates in publish order, version files, problems. Exit 1 when it has an error.',
    flags: {
      json: 'print the plan as JSON (a stable contract: version, next, crates, versionFiles, phases, problems)',
    },
  },
  run: {
    usage: 'run --headless [--yes] [--dry-run] [--only PHASE] [--retry STEP | --skip STEP --reason TEXT] [--version V]',
    summary:
      'Runs the release with line output instead of the cockpit (the same engine); resumes where the last run stopped.',
    flags: {
      headless: 'line output even in a terminal (without it, a terminal opens the cockpit)',
      yes: 'answer every question with yes: confirm manual steps and irreversible actions, retry a failed or interrupted step (open intents settled first)',
      'dry-run': 'show what would run; nothing is saved and no irreversible action runs',
      only: 'run only the phase with this id',
      retry: 'retry this failed step (or crate) first, then go on',
      skip: 'skip this failed step (or crate) first, with --reason, then go on',
      reason: 'why the --skip step is skipped (kept in the release log)',
      version: "the release of that version (default: the release in progress, else the config's version)",
    },
  },
  status: {
    usage: 'status [--json] [--report] [--all] [--version V]',
    summary:
      'Prints the persisted state of the release: the execution log, each step, the crates; --report prints the markdown report, --all one line per release.',
    flags: {
      json: 'print the state as JSON',
      report: 'print the markdown release report',
      all: 'one line per release with state: its result, when, what it published and what is yanked',
      version: 'the release of that version (default: the release in progress, else the newest that ran anything)',
    },
  },
  bump: {
    usage: 'bump --to VERSION | --level major|minor|patch [--dry-run] [--commit] [--force]',
    summary:
      'Moves every version-carrying file (and the workspace entries of Cargo.lock files) to a new version and prints what changed.',
    flags: {
      to: 'the new version, e.g. 0.16.0',
      level: 'compute the new version from the current one: major, minor or patch',
      'dry-run': 'print what would change; write nothing',
      commit: 'commit the changed files',
      force: 'allow a version that is not greater than the current one',
    },
  },
  rollback: {
    usage: 'rollback --yank CRATE... | --unyank CRATE... [--yes] [--force] [--version V]',
    summary: 'The rollback menu, headless: yanks (or unyanks) crates of this release.',
    flags: {
      yank: 'yank the named crates',
      unyank: 'undo the yank of the named crates',
      yes: 'do it without asking',
      force: 'also act on crates this release did not publish',
      version: 'the release of that version (default: the release in progress, else the newest that ran anything)',
    },
    positionals: { name: 'CRATE...', description: 'the crates to yank or unyank' },
  },
  init: {
    usage: 'init [--dry-run] [--force]',
    summary:
      'Inspects the repository (Cargo workspace, version files, tags, changelogs, checks) and writes a .releaserc.json whose plan runs, saying why it chose each part.',
    flags: {
      'dry-run': 'print the config (and why) instead of writing it',
      force: 'replace an existing config file',
    },
  },
  demo: {
    usage: 'demo [--headless] [--fast] [--yes] [--fresh | --clean | --config]',
    summary:
      'A whole Micromegas-shaped release in a sandbox (in $XDG_STATE_HOME/release-cockpit/demo): real git and cargo against a loopback registry; nothing real is touched. Running it again resumes it.',
    flags: {
      headless: 'line output instead of the cockpit',
      fast: 'short grace periods and waits',
      yes: 'answer every question with yes (headless)',
      fresh: 'start over with a new sandbox (the old one is removed)',
      clean: 'remove the sandbox and exit',
      config:
        "print the release plan the demo runs (the project's own .releaserc.json) and exit: a complete example to start from (the demo takes no other config)",
    },
    redefines: {
      config: { type: 'boolean', sets: 'printConfig', does: 'prints the release plan the demo runs, its only one' },
    },
  },
  help: {
    usage: 'help [COMMAND]',
    summary: 'Explains a command and its flags (the same as `release-cockpit COMMAND --help`).',
    flags: {},
    positionals: { name: 'COMMAND', description: 'the command to explain' },
  },
} as const satisfies Record<string, CommandSpec>;

export type Command = keyof typeof COMMANDS;
/** The commands a user types (the bare command is `tui`). */
export const TYPED_COMMANDS = (Object.keys(COMMANDS) as Command[]).filter((c) => c !== 'tui');

/** The flags `command` accepts, common ones included, with what each does there (its own words first). */
export function flagsOf(command: Command): Partial<Record<FlagName, string>> {
  return { ...COMMON_FLAGS, ...(COMMANDS[command] as CommandSpec).flags };
}

/** What `--name` takes in `command`: its redefinition there, else FLAGS'. */
export function flagSpec(command: Command, name: FlagName): FlagSpec {
  return redefined(command, name) ?? FLAGS[name];
}

/** The redefinition of `--name` in `command`, when it has one. */
export function redefined(command: Command, name: FlagName): Redefined | undefined {
  return (COMMANDS[command] as CommandSpec).redefines?.[name];
}
