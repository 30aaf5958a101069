import { expect, type Locator, type Page } from '@playwright/test';

/** The extension's complaint builder page (complaint.html). */
export class ComplaintBuilderPage {
  constructor(readonly page: Page) {}

  /** Waits for the live verdict and answers how many problems it lists. */
  async problemCount(): Promise<number> {
    const verdict = this.page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-ready', 'true');
    return Number(await verdict.getAttribute('data-count'));
  }

  /** Waits until the verdict lists fewer problems than `before`, and answers the new count. */
  async expectFewerThan(before: number): Promise<number> {
    await expect.poll(() => this.problemCount()).toBeLessThan(before);
    return this.problemCount();
  }

  codes(): Promise<string[]> {
    return this.page.getByTestId('problem').evaluateAll((items) => items.map((item) => item.getAttribute('data-code') ?? ''));
  }

  listing(index: number): Locator {
    return this.page.locator(`[data-testid="listing"][data-index="${index}"]`);
  }

  /** Draws a rectangle with the mouse on a listing's capture. */
  async markRegion(index: number): Promise<void> {
    const listing = this.listing(index);
    await listing.getByTestId('mark-region').click();
    const picker = listing.getByTestId('region-picker');
    const box = await picker.boundingBox();
    if (box === null) throw new Error('region picker is not visible');
    await this.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.25);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await this.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 5 });
    await this.page.mouse.up();
    await expect(listing.getByTestId('location-summary')).toHaveAttribute('data-kind', 'region');
  }
}
