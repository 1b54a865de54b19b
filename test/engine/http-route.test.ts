// The route of the cockpit's own requests when cargo's configuration is one cargo refuses: cargo
// says why itself, and the requests take the route the environment's variables give.
import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { proxyWith } from '../../src/engine/http-route.js';

const URL_ = 'https://index.example/config.json';
const ENV = { HTTPS_PROXY: 'http://e:1' };

describe('proxyWith', () => {
  it("takes cargo's http.proxy from the files over the environment's", () => {
    const files = [{ file: '/w/.cargo/config.toml', data: parse('[http]\nproxy = "http://c:1"\n') }];
    expect(proxyWith({ files }, ENV, URL_, undefined)).toEqual({
      value: 'http://c:1',
      from: 'http.proxy in /w/.cargo/config.toml',
    });
  });

  it('a configuration cargo refuses counts as none: unreadable files, or an http.proxy that is not a string', () => {
    expect(proxyWith({ error: 'cannot be read' }, ENV, URL_, undefined)).toEqual({
      value: 'http://e:1',
      from: 'HTTPS_PROXY',
    });
    const files = [{ file: '/w/.cargo/config.toml', data: parse('[http]\nproxy = 1\n') }];
    expect(proxyWith({ files }, ENV, URL_, undefined)).toEqual({ value: 'http://e:1', from: 'HTTPS_PROXY' });
    const git = { value: 'http://g:1', from: "git's global http.proxy" };
    expect(proxyWith({ files }, ENV, URL_, git)).toBe(git);
  });
});
