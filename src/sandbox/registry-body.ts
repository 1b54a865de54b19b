// The publish request body of the cargo registry web API and the index line it becomes.
// Body: u32 LE json length, json metadata, u32 LE .crate length, .crate bytes.
// Metadata deps use `version_req` / `explicit_name_in_toml`; index deps use `req` / `package`.
import { createHash } from 'node:crypto';

export interface PublishDep {
  name: string;
  version_req: string;
  features?: string[];
  optional?: boolean;
  default_features?: boolean;
  target?: string | null;
  kind?: string;
  registry?: string | null;
  explicit_name_in_toml?: string | null;
}

export interface PublishMetadata {
  name: string;
  vers: string;
  deps?: PublishDep[];
  features?: Record<string, string[]>;
  links?: string | null;
  rust_version?: string | null;
}

export interface IndexDep {
  name: string;
  req: string;
  features: string[];
  optional: boolean;
  default_features: boolean;
  target: string | null;
  kind: string;
  registry?: string;
  package?: string;
}

export interface IndexLine {
  name: string;
  vers: string;
  deps: IndexDep[];
  cksum: string;
  features: Record<string, string[]>;
  features2?: Record<string, string[]>;
  yanked: boolean;
  links: string | null;
  v?: number;
  rust_version?: string;
}

export class BadRequest extends Error {}

export function parsePublishBody(body: Buffer): { meta: PublishMetadata; metaJson: string; crate: Buffer } {
  if (body.length < 8) throw new BadRequest('publish body too short');
  const jsonLen = body.readUInt32LE(0);
  if (4 + jsonLen + 4 > body.length) throw new BadRequest('publish body: bad metadata length');
  let meta: PublishMetadata;
  const metaJson = body.subarray(4, 4 + jsonLen).toString('utf8');
  try {
    meta = JSON.parse(metaJson) as PublishMetadata;
  } catch {
    throw new BadRequest('publish body: metadata is not JSON');
  }
  const crateLen = body.readUInt32LE(4 + jsonLen);
  const start = 8 + jsonLen;
  if (start + crateLen > body.length) throw new BadRequest('publish body: bad crate length');
  if (typeof meta.name !== 'string' || typeof meta.vers !== 'string')
    throw new BadRequest('publish body: missing name or vers');
  return { meta, metaJson, crate: body.subarray(start, start + crateLen) };
}

/** Builds a publish body the way cargo does (used by tests that talk to the server without cargo). */
export function encodePublishBody(meta: PublishMetadata, crate: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length);
  const mid = Buffer.alloc(4);
  mid.writeUInt32LE(crate.length);
  return Buffer.concat([head, json, mid, crate]);
}

// Features using `dep:` or `?/` syntax go to features2 with v: 2 (older cargos would misread them).
function splitFeatures(all: Record<string, string[]>): {
  features: Record<string, string[]>;
  features2?: Record<string, string[]>;
} {
  const features: Record<string, string[]> = {};
  const features2: Record<string, string[]> = {};
  for (const [k, vals] of Object.entries(all)) {
    if (vals.some((v) => v.startsWith('dep:') || v.includes('?/'))) features2[k] = vals;
    else features[k] = vals;
  }
  return Object.keys(features2).length > 0 ? { features, features2 } : { features };
}

export function toIndexLine(meta: PublishMetadata, crate: Buffer): IndexLine {
  const deps: IndexDep[] = (meta.deps ?? []).map((d) => {
    const renamed = d.explicit_name_in_toml ?? undefined;
    const dep: IndexDep = {
      name: renamed ?? d.name,
      req: d.version_req,
      features: d.features ?? [],
      optional: d.optional ?? false,
      default_features: d.default_features ?? true,
      target: d.target ?? null,
      kind: d.kind ?? 'normal',
    };
    if (d.registry) dep.registry = d.registry;
    if (renamed) dep.package = d.name;
    return dep;
  });
  const { features, features2 } = splitFeatures(meta.features ?? {});
  const line: IndexLine = {
    name: meta.name,
    vers: meta.vers,
    deps,
    cksum: createHash('sha256').update(crate).digest('hex'),
    features,
    yanked: false,
    links: meta.links ?? null,
  };
  if (features2) {
    line.features2 = features2;
    line.v = 2;
  }
  if (meta.rust_version) line.rust_version = meta.rust_version;
  return line;
}
