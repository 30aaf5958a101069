import { expect, type Locator, type Page } from '@playwright/test';

/** The web console served by the backend at /. */
export class ConsolePage {
  constructor(readonly page: Page, private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByTestId('login-email').fill(email);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await expect(this.page.getByTestId('user-email')).toContainText(email);
  }

  row(captureId: string): Locator {
    return this.page.locator(`[data-testid="capture-row"][data-capture-id="${captureId}"]`);
  }
}
