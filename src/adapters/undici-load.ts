// undici (the HTTP client that can go through a proxy), loaded on first use only. The bundles take
// it with require instead (scripts/esbuild-options.mjs): their cached code runs in a vm.Script,
// which has no import().
import type * as Undici from 'undici';

export const loadUndici = (): Promise<typeof Undici> => import('undici');
