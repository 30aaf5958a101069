import { expect, type Locator, type Page } from '@playwright/test';

/** The web console served by the backend at /. */
export class ConsolePage {
  constructor(readonly page: Page, private readonly baseUrl: string) {}

  /** Signs in and stops wherever the console lands: the app, or the agreement gate. */
  async submitLogin(email: string, password: string): Promise<void> {
    // Several users share one browser in these journeys: start from no session,
    // as a person would on a fresh browser profile.
    await this.page.context().clearCookies();
    await this.page.goto(`${this.baseUrl}/`);
    await this.page.getByTestId('login-email').fill(email);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  /** Signs in a user who has accepted the current agreement. */
  async login(email: string, password: string): Promise<void> {
    await this.submitLogin(email, password);
    await expect(this.page.getByTestId('user-email')).toContainText(email);
  }

  async logout(): Promise<void> {
    await this.page.getByTestId('logout-button').click();
    await expect(this.page.getByTestId('login-email')).toBeVisible();
  }

  async open(section: 'account' | 'admin' | 'messages'): Promise<void> {
    await this.page.getByTestId(`nav-${section}`).click();
  }

  row(captureId: string): Locator {
    return this.page.locator(`[data-testid="capture-row"][data-capture-id="${captureId}"]`);
  }
}
