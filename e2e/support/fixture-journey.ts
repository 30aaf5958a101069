import { test } from '@playwright/test';
import { BackendProcess } from './backend';
import { launchWithExtension, type ExtensionBrowser } from './extension';
import { FixtureServer } from './fixture-server';

export interface FixtureJourney {
  readonly backend: BackendProcess;
  readonly fixtures: FixtureServer;
  readonly browser: ExtensionBrowser;
}

/**
 * For the tests of the calling spec file: a real backend on a throw-away
 * database, our own fixture pages on loopback, and Chromium with the built
 * extension. Started before the file's tests and torn down after them; read
 * the parts inside a test. (marketplaceJourney() is the same with pages under
 * real marketplace host names.)
 */
export function fixtureJourney(): FixtureJourney {
  let backend: BackendProcess | undefined;
  let fixtures: FixtureServer | undefined;
  let browser: ExtensionBrowser | undefined;

  test.beforeAll(async () => {
    backend = await BackendProcess.create();
    fixtures = await FixtureServer.start();
    browser = await launchWithExtension();
  });

  test.afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await backend?.dispose();
  });

  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('the fixture journey starts in beforeAll: read it inside a test');
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
  };
}
