// The proxy cargo (libcurl) would go through for a URL: cargo's http.proxy, git's, curl's variables
// per scheme, and NO_PROXY, which exempts a host whatever set the proxy.
import { describe, expect, it } from 'vitest';
import { parse } from 'smol-toml';
import { bypassesProxy, cargoProxy } from '../../src/core/cargo-proxy.js';

const HTTPS = 'https://crates.corp.example/api/v1/crates/new';
const HTTP = 'http://127.0.0.1:4001/api/v1/crates/new';
const file = (text: string) => [{ file: '/h/.cargo/config.toml', data: parse(text) }];

describe('cargoProxy', () => {
  it('none set: cargo connects directly', () => {
    expect(cargoProxy([], {}, HTTPS, undefined)).toBeUndefined();
  });

  it("cargo's http.proxy, its env variable winning over the file", () => {
    const proxied = file('[http]\nproxy = "http://p:3128"\n');
    expect(cargoProxy(proxied, {}, HTTPS, undefined)).toEqual({
      value: 'http://p:3128',
      from: 'http.proxy in /h/.cargo/config.toml',
    });
    expect(cargoProxy(proxied, { CARGO_HTTP_PROXY: 'http://q:1' }, HTTP, undefined)?.from).toBe('CARGO_HTTP_PROXY');
    // An empty http.proxy (here the env's, over the file's) turns curl's own variables off.
    expect(cargoProxy(proxied, { CARGO_HTTP_PROXY: '', HTTPS_PROXY: 'http://e:1' }, HTTPS, undefined)).toBeUndefined();
  });

  it("git's global http.proxy, then curl's variables for the URL's scheme", () => {
    const git = { value: 'http://g:1', from: "git's global http.proxy" };
    expect(cargoProxy([], { HTTPS_PROXY: 'http://e:1' }, HTTPS, git)).toBe(git);
    expect(cargoProxy([], { HTTPS_PROXY: 'http://e:1' }, HTTPS, undefined)?.from).toBe('HTTPS_PROXY');
    expect(cargoProxy([], { https_proxy: 'http://e:1' }, HTTPS, undefined)?.from).toBe('https_proxy');
    expect(cargoProxy([], { ALL_PROXY: 'socks5://e:1' }, HTTP, undefined)?.from).toBe('ALL_PROXY');
    // curl reads an http URL's proxy from lower-case http_proxy only, and never HTTPS_PROXY for it.
    expect(cargoProxy([], { HTTP_PROXY: 'http://e:1', HTTPS_PROXY: 'http://e:1' }, HTTP, undefined)).toBeUndefined();
    expect(cargoProxy([], { http_proxy: 'http://e:1' }, HTTP, undefined)?.from).toBe('http_proxy');
  });

  it('NO_PROXY exempts the host, however the proxy was set', () => {
    const proxied = file('[http]\nproxy = "http://p:3128"\n');
    expect(cargoProxy(proxied, { NO_PROXY: 'localhost,127.0.0.1' }, HTTP, undefined)).toBeUndefined();
    expect(cargoProxy([], { HTTPS_PROXY: 'http://e:1', no_proxy: '.corp.example' }, HTTPS, undefined)).toBeUndefined();
    expect(cargoProxy([], { HTTPS_PROXY: 'http://e:1', no_proxy: 'other.example' }, HTTPS, undefined)).toBeDefined();
  });
});

describe('bypassesProxy', () => {
  it("matches curl's no_proxy entries: *, hosts, domains with or without their dot", () => {
    expect(bypassesProxy('a.corp.example', '*')).toBe(true);
    expect(bypassesProxy('a.corp.example', 'corp.example')).toBe(true);
    expect(bypassesProxy('a.corp.example', 'x.example, .corp.example')).toBe(true);
    expect(bypassesProxy('notcorp.example', 'corp.example')).toBe(false);
    expect(bypassesProxy('::1', '[::1]')).toBe(true);
    expect(bypassesProxy('10.0.0.5', '10.0.0.0/8')).toBe(false);
    expect(bypassesProxy('host', undefined)).toBe(false);
  });
});
