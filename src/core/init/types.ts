// What `release-cockpit init` learns from a repository: each part of the config it proposes with
// the reason it chose it, and what it found wrong on the way. Pure data.
import type { Problem } from '../plan-types.js';

/** One line of init's explanation: which part of the config, and why it is what it is. */
export interface InitNote {
  /** The config part it explains: "crates", "versionFiles", "tagFormat", "checks"... */
  topic: string;
  text: string;
}

export interface InspectResult<T> {
  value: T;
  notes: InitNote[];
  problems: Problem[];
}

/** The facts init reads from git (the adapter gathers them). */
export interface GitFacts {
  /** Every tag with the commit it points at (peeled). */
  tags: { name: string; commit: string }[];
  /** The checked-out branch, when on one. */
  branch?: string;
  /** The URL of `origin`, when configured. */
  originUrl?: string;
  /** The directory is not inside a git repository (git answered nothing). */
  notARepository?: boolean;
}

/** Every file path of the repository init looks at (repo-relative, POSIX), from scanRepo. */
export type RepoFiles = readonly string[];
