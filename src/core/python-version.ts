// Python distribution file names and versions (pure). A release version is semver; Python
// tools write PEP 440, so "0.15.0-rc.1" is built as "0.15.0rc1".

/** The PEP 440 spelling of a semver version: pre-releases alpha/beta/rc become a/b/rc. */
export function pep440(version: string): string {
  const m = /^(\d+\.\d+\.\d+)(?:-(alpha|a|beta|b|rc)\.?(\d+))?$/.exec(version);
  if (!m) return version;
  if (!m[2]) return m[1] as string;
  const tag = { alpha: 'a', a: 'a', beta: 'b', b: 'b', rc: 'rc' }[m[2]] as string;
  return `${m[1]}${tag}${m[3] ?? '0'}`;
}

/** "micromegas-0.15.0-py3-none-any.whl" or "micromegas-0.15.0.tar.gz" -> "0.15.0"; undefined for other files. */
export function distributionVersion(filename: string): string | undefined {
  const wheel = /^[^-]+-([^-]+)-.+\.whl$/.exec(filename);
  if (wheel) return wheel[1];
  return /^.+-([^-]+)\.(?:tar\.gz|zip)$/.exec(filename)?.[1];
}

/** Whether a built file's version is the release version (PEP 440 spelling, case-insensitive). */
export function sameDistributionVersion(fileVersion: string, release: string): boolean {
  return fileVersion.toLowerCase() === pep440(release).toLowerCase();
}
