import { expect, type Page } from '@playwright/test';

/**
 * The agreement gate, the same in the console and the extension popup: both
 * texts readable, the Chinese-prevails statement beside them, Accept / Decline.
 */
export class AgreementGate {
  constructor(readonly page: Page) {}

  get root() {
    return this.page.getByTestId('agreement-gate');
  }

  async expectShown(version?: number): Promise<void> {
    await expect(this.root).toBeVisible();
    if (version !== undefined) await expect(this.page.getByTestId('agreement-version')).toContainText(String(version));
    await expect(this.page.getByTestId('agreement-prevails-note')).toBeVisible();
  }

  /** Opens each language in turn and checks its text is really there to read. */
  async readBothTexts(): Promise<{ zh: string; en: string }> {
    await this.page.getByTestId('agreement-lang-en').click();
    const en = this.page.getByTestId('agreement-text-en');
    await expect(en).toBeVisible();
    await this.page.getByTestId('agreement-lang-zh').click();
    const zh = this.page.getByTestId('agreement-text-zh');
    await expect(zh).toBeVisible();
    return { zh: await zh.innerText(), en: await en.textContent() ?? '' };
  }

  async accept(): Promise<void> {
    await this.page.getByTestId('agreement-accept').click();
    await expect(this.root).toBeHidden();
  }
}
