import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CAPTURE_CLIENT_FIELD_MAX_LENGTH } from '@openipp/shared';
import { browserFromUserAgent, identifyBrowser, pickBrand, readCaptureClient } from './capture-client';

const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const EDGE_UA = `${CHROME_UA} Edg/156.0.3400.12`;
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0';

const originalGetManifest = fakeBrowser.runtime.getManifest;

beforeEach(() => {
  fakeBrowser.runtime.getManifest = (() => ({ manifest_version: 3, name: 'OpenIPP', version: '0.1.0' })) as never;
});
afterEach(() => {
  fakeBrowser.runtime.getManifest = originalGetManifest;
});

describe('pickBrand', () => {
  it('takes the product over Chromium and over the made-up brand', () => {
    const brands = [
      { brand: 'Not=A?Brand', version: '24' },
      { brand: 'Chromium', version: '156' },
      { brand: 'Google Chrome', version: '156' },
    ];
    expect(pickBrand(brands)).toEqual({ brand: 'Google Chrome', version: '156' });
    expect(pickBrand([{ brand: 'Chromium', version: '156' }, { brand: 'Not_A Brand', version: '8' }])).toEqual({ brand: 'Chromium', version: '156' });
    expect(pickBrand([{ brand: ' Not;A Brand', version: '99' }])).toBeUndefined();
  });
});

describe('browserFromUserAgent', () => {
  it.each([
    [CHROME_UA, { browser: 'Chrome', browserVersion: '156.0.0.0' }],
    [EDGE_UA, { browser: 'Microsoft Edge', browserVersion: '156.0.3400.12' }],
    [FIREFOX_UA, { browser: 'Firefox', browserVersion: '146.0' }],
    ['curl/8.0', {}],
  ])('%s', (userAgent, expected) => {
    expect(browserFromUserAgent(userAgent)).toEqual(expected);
  });
});

describe('identifyBrowser', () => {
  it("prefers Firefox's own word", async () => {
    const identity = await identifyBrowser({ getBrowserInfo: async () => ({ name: 'Firefox', version: '146.0.1' }), userAgent: CHROME_UA });
    expect(identity).toEqual({ browser: 'Firefox', browserVersion: '146.0.1' });
  });

  it("takes Chromium's full version list, else its brands, else the user-agent string", async () => {
    const brands = [
      { brand: 'Chromium', version: '156' },
      { brand: 'Microsoft Edge', version: '156' },
    ];
    const fullVersionList = [
      { brand: 'Chromium', version: '156.0.7258.66' },
      { brand: 'Microsoft Edge', version: '156.0.3400.12' },
    ];
    expect(await identifyBrowser({ userAgentData: { brands, getHighEntropyValues: async () => ({ fullVersionList }) } })).toEqual({
      browser: 'Microsoft Edge',
      browserVersion: '156.0.3400.12',
    });
    // Refused high-entropy hints: the major version from the brands.
    expect(await identifyBrowser({ userAgentData: { brands, getHighEntropyValues: () => Promise.reject(new Error('denied')) } })).toEqual({
      browser: 'Microsoft Edge',
      browserVersion: '156',
    });
    expect(await identifyBrowser({ userAgentData: { brands: [] }, userAgent: FIREFOX_UA })).toEqual({ browser: 'Firefox', browserVersion: '146.0' });
    expect(await identifyBrowser({ getBrowserInfo: () => Promise.reject(new Error('gone')), userAgent: CHROME_UA })).toEqual({
      browser: 'Chrome',
      browserVersion: '156.0.0.0',
    });
    const throwsAtOnce = () => {
      throw new Error('getBrowserInfo threw before returning a promise');
    };
    expect(await identifyBrowser({ getBrowserInfo: throwsAtOnce, userAgent: FIREFOX_UA })).toEqual({ browser: 'Firefox', browserVersion: '146.0' });
    expect(await identifyBrowser({})).toEqual({});
  });
});

describe('readCaptureClient', () => {
  it("names the extension's version from its manifest and the browser", async () => {
    expect(await readCaptureClient({ userAgent: FIREFOX_UA })).toEqual({ extension: '0.1.0', browser: 'Firefox', browserVersion: '146.0' });
  });

  it('keeps the extension version when the browser cannot be named, and cuts overlong names to the bound', async () => {
    expect(await readCaptureClient({})).toEqual({ extension: '0.1.0' });
    const long = 'B'.repeat(CAPTURE_CLIENT_FIELD_MAX_LENGTH + 10);
    const client = await readCaptureClient({ getBrowserInfo: async () => ({ name: long, version: '1.0' }) });
    expect(client?.browser).toHaveLength(CAPTURE_CLIENT_FIELD_MAX_LENGTH);
  });

  it('gives nothing rather than a bad client when the manifest cannot be read', async () => {
    fakeBrowser.runtime.getManifest = (() => {
      throw new Error('no manifest');
    }) as never;
    expect(await readCaptureClient({ userAgent: CHROME_UA })).toBeUndefined();
  });
});
