// What `release-cockpit init` asks git: every tag with the commit it points at, the branch, and
// where `origin` is. Outside a git repository: no tags, no branch, no remote.
import type { GitFacts } from '../core/init/types.js';
import { Git, GitError } from './git.js';

export async function readGitFacts(repo: string): Promise<GitFacts> {
  const git = new Git(repo);
  try {
    // %(*objectname) is the commit an annotated tag points at; empty for a lightweight tag.
    const refs = await git.run([
      'for-each-ref',
      '--format=%(refname:short)%09%(*objectname)%09%(objectname)',
      'refs/tags',
    ]);
    const tags = refs
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name = '', peeled = '', object = ''] = line.split('\t');
        return { name, commit: peeled || object };
      });
    const branch = await git.currentBranch();
    const originUrl = await git.remoteUrl('origin');
    return { tags, ...(branch ? { branch } : {}), ...(originUrl ? { originUrl } : {}) };
  } catch (e) {
    if (e instanceof GitError) return { tags: [], notARepository: true };
    throw e;
  }
}
