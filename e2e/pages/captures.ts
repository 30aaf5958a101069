import { expect, type Locator, type Page } from '@playwright/test';

/** The extension's captures page (chrome-extension://<id>/captures.html): every queued capture and its upload. */
export class CapturesPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, extensionId: string): Promise<CapturesPage> {
    await page.goto(`chrome-extension://${extensionId}/captures.html`);
    const captures = new CapturesPage(page);
    await captures.loaded();
    return captures;
  }

  async loaded(): Promise<void> {
    await expect(this.page.getByTestId('capture-list')).toHaveAttribute('data-loaded', 'true');
  }

  cards(): Locator {
    return this.page.getByTestId('capture-card');
  }

  card(id: string): Locator {
    return this.page.locator(`[data-testid="capture-card"][data-id="${id}"]`);
  }

  /** The number of captures not yet receipted, as the page counts them. */
  unsynced(): Locator {
    return this.page.getByTestId('captures-unsynced');
  }

  async filter(state: 'all' | 'queued' | 'uploading' | 'receipted' | 'failed'): Promise<void> {
    await this.page.getByTestId(`captures-filter-${state}`).click();
  }

  async syncNow(): Promise<void> {
    await this.page.getByTestId('captures-sync-now').click();
  }

  async retry(id: string): Promise<void> {
    await this.card(id).getByTestId('capture-retry').click();
  }
}
