// Tests create real git repositories and commits: give git an identity that does not depend on
// the machine's global config (CI starts from a clean machine), and keep the user's own
// registries and tokens out of every child process.
process.env.GIT_AUTHOR_NAME ??= 'release-cockpit tests';
process.env.GIT_AUTHOR_EMAIL ??= 'tests@release-cockpit.invalid';
process.env.GIT_COMMITTER_NAME ??= 'release-cockpit tests';
process.env.GIT_COMMITTER_EMAIL ??= 'tests@release-cockpit.invalid';
process.env.GIT_CONFIG_NOSYSTEM = '1';
for (const k of Object.keys(process.env)) {
  if (/^CARGO_REGISTR(Y|IES)_/.test(k)) delete process.env[k];
}
// Ink reads CI at import time and then draws only the last frame at unmount. The cockpit's tests
// need what a maintainer's terminal gets; CI itself only needs the tests to run.
delete process.env.CI;
