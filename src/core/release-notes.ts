// The body of the GitHub release: the changelog section, what was published where (with links)
// and how to install it. Pure.

export interface NotesArchive {
  /** Asset file name, e.g. "micromegas-datasource-0.15.0.tar.gz". */
  file: string;
  /** A Grafana plugin (its archive holds plugin.json): manual installation instructions. */
  grafanaPlugin: boolean;
}

export interface ReleaseNotesInput {
  project: string;
  version: string;
  tag: string;
  previousTag?: string;
  /** owner/name: download and compare links. */
  repo?: string;
  /** The changelog section body for this version (heading excluded). */
  changelog?: string;
  /** Published crates in publish order (the last one is the top-level crate for `cargo add`). */
  crates: { name: string; version: string }[];
  /** Base of crate pages; https://crates.io/crates by default. */
  cratesWeb?: string;
  python?: { name: string; version: string; url: string };
  archives: NotesArchive[];
}

export const CRATES_IO_WEB = 'https://crates.io/crates';

export function crateUrl(name: string, version: string, web = CRATES_IO_WEB): string {
  return `${web.replace(/\/+$/, '')}/${name}/${version}`;
}

/** The human page of a release: https://pypi.org/pypi -> https://pypi.org/project/NAME/VERSION/. */
export function pypiProjectUrl(index: string, pkg: string, version?: string): string {
  const root = index.replace(/\/+$/, '').replace(/\/pypi$/, '');
  return `${root}/project/${pkg}/${version ? `${version}/` : ''}`;
}

export function githubReleaseUrl(repo: string, tag: string): string {
  return `https://github.com/${repo}/releases/tag/${tag}`;
}

/** "micromegas-datasource-0.15.0.tar.gz" -> "micromegas-datasource". */
function archiveStem(file: string, version: string): string {
  const base = file.replace(/\.(tar\.gz|tgz|zip)$/, '');
  return base.endsWith(`-${version}`) ? base.slice(0, -version.length - 1) : base;
}

function sh(lines: string[]): string[] {
  return ['```sh', ...lines, '```'];
}

function downloadUrl(input: ReleaseNotesInput, file: string): string | undefined {
  return input.repo ? `https://github.com/${input.repo}/releases/download/${input.tag}/${file}` : undefined;
}

function installation(input: ReleaseNotesInput): string[] {
  const out: string[] = [];
  const top = input.crates.at(-1);
  if (top) out.push('**Rust**', '', ...sh([`cargo add ${top.name}@${top.version}`]), '');
  if (input.python)
    out.push('**Python**', '', ...sh([`pip install ${input.python.name}==${input.python.version}`]), '');
  for (const a of input.archives) {
    const url = downloadUrl(input, a.file);
    const fetch = url ? [`curl -LO ${url}`] : [];
    if (a.grafanaPlugin) {
      const dir = `/var/lib/grafana/plugins/${archiveStem(a.file, input.version)}`;
      out.push('**Grafana plugin** (manual installation)', '');
      out.push(...sh([...fetch, `mkdir -p ${dir}`, `tar -xzf ${a.file} -C ${dir}`]), '', 'Then restart Grafana.', '');
    } else {
      out.push(`**${a.file}**`, '', `Download it from the assets of this release${url ? ':' : '.'}`, '');
      if (url) out.push(...sh(fetch), '');
    }
  }
  return out;
}

export function buildReleaseNotes(input: ReleaseNotesInput): string {
  const out: string[] = [];
  if (input.changelog?.trim()) out.push(input.changelog.trim(), '');
  if (input.crates.length) {
    out.push('## Rust crates', '');
    for (const c of input.crates)
      out.push(`- [${c.name} ${c.version}](${crateUrl(c.name, c.version, input.cratesWeb)})`);
    out.push('');
  }
  if (input.python)
    out.push('## Python package', '', `- [${input.python.name} ${input.python.version}](${input.python.url})`, '');
  const install = installation(input);
  if (install.length) out.push('## Installation', '', ...install);
  if (input.repo && input.previousTag) {
    out.push(`**Full changelog**: https://github.com/${input.repo}/compare/${input.previousTag}...${input.tag}`, '');
  }
  if (!out.length) out.push(`${input.project} ${input.version}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
