import { expect, type Locator, type Page } from '@playwright/test';

/** The extension popup, opened as a page at chrome-extension://<id>/popup.html. */
export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, extensionId: string): Promise<PopupPage> {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    return new PopupPage(page);
  }

  async submitLogin(email: string, password: string): Promise<void> {
    await this.page.getByTestId('login-email').fill(email);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  /** Signs in a user who has accepted the current agreement. */
  async login(email: string, password: string): Promise<void> {
    await this.submitLogin(email, password);
    await expect(this.page.getByTestId('user-email')).toContainText(email);
  }

  items(): Locator {
    return this.page.getByTestId('queue-item');
  }

  item(id: string): Locator {
    return this.page.locator(`[data-testid="queue-item"][data-id="${id}"]`);
  }

  /** Clicks Capture and returns the id of the queue entry it created. */
  async capture(): Promise<string> {
    // The list loads asynchronously after a reload; reading it too early would
    // mistake an old entry for the new one.
    await expect(this.page.getByTestId('queue-list')).toHaveAttribute('data-loaded', 'true');
    const before = await this.items().evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    await this.page.getByTestId('capture-button').click();
    let created = '';
    await expect
      .poll(async () => {
        const now = await this.items().evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
        created = now.find((id) => id && !before.includes(id)) ?? '';
        return created;
      })
      .not.toBe('');
    return created;
  }

  /** Follows the queue's "All captures" link; the captures page opens in a new tab. */
  async openCaptures(): Promise<Page> {
    const opened = this.page.context().waitForEvent('page');
    await this.page.getByTestId('open-captures').click();
    const page = await opened;
    await page.waitForLoadState('domcontentloaded');
    return page;
  }
}
