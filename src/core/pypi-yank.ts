// Yanking a release on PyPI is a web action (PEP 592; PyPI has no API for it): the maintainer
// does it on the project's manage page. This says where and how, exactly.

export interface PypiYankPage {
  url: string;
  /** The index is pypi.org or test.pypi.org, whose manage pages this URL follows. */
  known: boolean;
}

/** The release's manage page, from the JSON API base the publish step checks (`https://pypi.org/pypi`). */
export function pypiYankPage(index: string, pkg: string, version: string): PypiYankPage {
  const u = new URL(index);
  const known = u.hostname === 'pypi.org' || u.hostname === 'test.pypi.org';
  return {
    url: `${u.protocol}//${u.host}/manage/project/${encodeURIComponent(pkg)}/release/${encodeURIComponent(version)}/`,
    known,
  };
}

/** The steps, one line each: what to open, what to press, what it changes. */
export function pypiYankSteps(index: string, pkg: string, version: string): string[] {
  const page = pypiYankPage(index, pkg, version);
  return [
    `Open ${page.url} signed in as an owner or maintainer of ${pkg}.`,
    ...(page.known
      ? []
      : [`(${index} is not pypi.org: its yank page may be elsewhere; find the release ${version} of ${pkg} there.)`]),
    `Press "Options", then "Yank", type ${version} and give the reason (shown to anyone who installs it).`,
    `After that pip skips ${pkg} ${version} unless it is pinned exactly (${pkg}==${version}); the files stay downloadable.`,
  ];
}
