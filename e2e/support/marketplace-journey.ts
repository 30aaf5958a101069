import { expect, test } from '@playwright/test';
import { AgreementGate } from '../pages/agreement-gate';
import { PopupPage } from '../pages/popup';
import { BackendProcess } from './backend';
import { launchWithExtension, setBackendUrl, type ExtensionBrowser } from './extension';
import { MailCatcher } from './mail-catcher';
import { MarketplaceFixtures } from './marketplace-fixtures';
import { SmsReceiver } from './sms-receiver';

export interface MarketplaceJourney {
  readonly backend: BackendProcess;
  readonly fixtures: MarketplaceFixtures;
  readonly browser: ExtensionBrowser;
  /** The SMTP server the backend delivers to; only with `{ mail: true }`. */
  readonly mail: MailCatcher;
  /** The HTTP SMS gateway the backend posts to; only with `{ sms: true }`. */
  readonly sms: SmsReceiver;
}

export interface JourneyOptions {
  /** A real SMTP server on loopback receives the backend's mail. */
  mail?: boolean;
  /** A real HTTP SMS gateway on loopback receives the backend's SMS. */
  sms?: boolean;
  /** The test may move the backend's clock forward. */
  testClock?: boolean;
}

/**
 * For the tests of the calling spec file: a real backend on a throw-away
 * database, listing pages served under real marketplace host names, and
 * Chromium with the built extension resolving those names to them. Started
 * once before the file's tests and torn down after them; read the parts
 * inside a test.
 */
export function marketplaceJourney(options: JourneyOptions = {}): MarketplaceJourney {
  let backend: BackendProcess | undefined;
  let fixtures: MarketplaceFixtures | undefined;
  let browser: ExtensionBrowser | undefined;
  let mail: MailCatcher | undefined;
  let sms: SmsReceiver | undefined;

  test.beforeAll(async () => {
    if (options.mail) mail = await MailCatcher.start();
    if (options.sms) sms = await SmsReceiver.start();
    backend = await BackendProcess.create({ ...(mail ? { smtpUrl: mail.url } : {}), ...(sms ? { smsUrl: sms.url } : {}), testClock: options.testClock ?? false });
    fixtures = await MarketplaceFixtures.start();
    browser = await launchWithExtension({ hostResolverRules: fixtures.hostResolverRules });
  });

  test.afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await backend?.dispose();
    await mail?.close();
    await sms?.close();
  });

  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('the marketplace journey starts in beforeAll: read it inside a test');
    return part;
  };
  return {
    get backend() {
      return started(backend);
    },
    get fixtures() {
      return started(fixtures);
    },
    get browser() {
      return started(browser);
    },
    get mail() {
      return started(mail);
    },
    get sms() {
      return started(sms);
    },
  };
}

/**
 * Points the extension at the journey's backend and signs a demo user in
 * through the popup. The demo users accepted agreement version 1 and version 2
 * is current, so the gate comes first; it is accepted.
 */
export async function signInThroughPopup(journey: Pick<MarketplaceJourney, 'browser' | 'backend'>, email: string, password: string): Promise<PopupPage> {
  return signInAt(journey.browser, journey.backend.url, email, password);
}

/** The same, against any backend address (a proxy in front of it, say). */
export async function signInAt(browser: ExtensionBrowser, backendUrl: string, email: string, password: string): Promise<PopupPage> {
  await setBackendUrl(browser, backendUrl);
  const popup = await PopupPage.open(await browser.context.newPage(), browser.extensionId);
  await popup.submitLogin(email, password);
  const gate = new AgreementGate(popup.page);
  await gate.expectShown(2);
  await gate.accept();
  return popup;
}

/**
 * Captures each listing page through the popup, in order, and waits until
 * the backend has every capture. Returns the popup's queue ids.
 */
export async function captureListings(popup: PopupPage, urls: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const url of urls) {
    const listing = await popup.page.context().newPage();
    await listing.goto(url);
    // The popup captures the tab it was opened over: make the listing the active tab.
    await listing.bringToFront();
    const id = await popup.capture();
    await expect(popup.item(id)).toHaveAttribute('data-status', 'synced', { timeout: 30_000 });
    await listing.close();
    ids.push(id);
  }
  return ids;
}
