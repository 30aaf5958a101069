import { browser } from 'wxt/browser';
import { CAPTURE_CLIENT_FIELD_MAX_LENGTH, CaptureClientSchema, type CaptureClient } from '@openipp/shared';

/**
 * What made a capture (issue #7 part 5): the manifest names the extension's
 * version and the browser's name and version, so a reader of the evidence can
 * tell which build took it. Read in the background worker, where there is no
 * window: from the browser's own word where it gives one (Firefox's
 * runtime.getBrowserInfo, Chromium's user-agent client hints), else from the
 * user-agent string.
 */

interface BrandVersion {
  brand: string;
  version: string;
}

/** Chromium's NavigatorUAData, which TypeScript's DOM library does not declare yet. */
interface UserAgentData {
  brands?: readonly BrandVersion[];
  getHighEntropyValues?: (hints: string[]) => Promise<{ fullVersionList?: readonly BrandVersion[] }>;
}

export interface BrowserSources {
  userAgent?: string;
  userAgentData?: UserAgentData;
  getBrowserInfo?: () => Promise<{ name: string; version: string }>;
}

export interface BrowserIdentity {
  browser?: string;
  browserVersion?: string;
}

/**
 * The brand that names the product. Chromium lists a made-up "Not A Brand"
 * entry (its so-called GREASE, always with "Not" in it) and "Chromium"
 * besides the product ("Google Chrome", "Microsoft Edge"): the product wins,
 * and "Chromium" only when it is all there is.
 */
export function pickBrand(brands: readonly BrandVersion[]): BrandVersion | undefined {
  const real = brands.filter((entry) => entry.brand.trim() !== '' && !/not.a.brand/i.test(entry.brand) && !/^\W*not\b/i.test(entry.brand));
  return real.find((entry) => entry.brand !== 'Chromium') ?? real[0];
}

/** The browser from a user-agent string; most specific token first, as every Chromium browser also says "Chrome" and "Safari". */
export function browserFromUserAgent(userAgent: string): BrowserIdentity {
  const tokens: Array<[RegExp, string]> = [
    [/\bFirefox\/([\d.]+)/, 'Firefox'],
    [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, 'Microsoft Edge'],
    [/\bOPR\/([\d.]+)/, 'Opera'],
    [/\bHeadlessChrome\/([\d.]+)/, 'HeadlessChrome'],
    [/\bChrom(?:e|ium)\/([\d.]+)/, 'Chrome'],
    [/\bVersion\/([\d.]+).*\bSafari\//, 'Safari'],
  ];
  for (const [pattern, name] of tokens) {
    const version = pattern.exec(userAgent)?.[1];
    if (version) return { browser: name, browserVersion: version };
  }
  return {};
}

/** A browser call that may throw at once, reject, or answer: identifying the browser never fails a capture. */
async function attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch {
    return undefined;
  }
}

/** The browser's name and version, from the best source the browser offers; nothing it cannot say. */
export async function identifyBrowser(sources: BrowserSources): Promise<BrowserIdentity> {
  if (sources.getBrowserInfo) {
    const info = await attempt(sources.getBrowserInfo);
    if (info?.name && info.version) return { browser: info.name, browserVersion: info.version };
  }
  const data = sources.userAgentData;
  if (data?.brands && data.brands.length > 0) {
    // The full version ("156.0.7258.66") where the browser gives it; the brands list carries only the major one.
    const ask = data.getHighEntropyValues?.bind(data);
    const full = ask ? await attempt(() => ask(['fullVersionList'])) : undefined;
    const brand = pickBrand(full?.fullVersionList ?? []) ?? pickBrand(data.brands);
    if (brand) return { browser: brand.brand, browserVersion: brand.version };
  }
  return sources.userAgent ? browserFromUserAgent(sources.userAgent) : {};
}

function bounded(value: string | undefined): string | undefined {
  const trimmed = value?.trim().slice(0, CAPTURE_CLIENT_FIELD_MAX_LENGTH);
  return trimmed ? trimmed : undefined;
}

/** This extension and browser, as the capture meta's `client`; undefined only if the extension's own version is unreadable. */
export async function readCaptureClient(sources: BrowserSources = browserSources()): Promise<CaptureClient | undefined> {
  const identity = await identifyBrowser(sources);
  const browserName = bounded(identity.browser);
  const browserVersion = bounded(identity.browserVersion);
  const parsed = CaptureClientSchema.safeParse({
    extension: bounded(extensionVersion()),
    ...(browserName ? { browser: browserName } : {}),
    ...(browserVersion ? { browserVersion } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

function extensionVersion(): string | undefined {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    // No manifest to read (outside a real extension): the capture goes without client details rather than fail.
    return undefined;
  }
}

/** What this browser offers to identify itself: Firefox has runtime.getBrowserInfo, Chromium navigator.userAgentData. */
function browserSources(): BrowserSources {
  const runtime = browser.runtime as typeof browser.runtime & { getBrowserInfo?: () => Promise<{ name: string; version: string }> };
  const nav = globalThis.navigator as (Navigator & { userAgentData?: UserAgentData }) | undefined;
  return {
    ...(typeof runtime.getBrowserInfo === 'function' ? { getBrowserInfo: () => runtime.getBrowserInfo!() } : {}),
    ...(nav?.userAgentData ? { userAgentData: nav.userAgentData } : {}),
    ...(nav?.userAgent ? { userAgent: nav.userAgent } : {}),
  };
}
