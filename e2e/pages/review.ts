import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The reviewer's desk in the console: the queue at #/review and the evidence
 * view at #/review/<id>. Reviewers work it all day from the keyboard (issue
 * #5), so everything here acts through key presses only; the locators are
 * for reading what the page shows.
 */
export class ReviewDesk {
  constructor(readonly page: Page) {}

  press(key: string): Promise<void> {
    return this.page.keyboard.press(key);
  }

  // ---------------------------------------------------------------- the queue

  get queueTable(): Locator {
    return this.page.getByTestId('review-queue-table');
  }

  queueRows(): Locator {
    return this.page.getByTestId('queue-row');
  }

  queueRow(complaintId: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-complaint-id="${complaintId}"]`);
  }

  /** The complaint ids in the order the queue lists them. */
  queueOrder(): Promise<string[]> {
    return this.queueRows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-complaint-id') ?? ''));
  }

  /** Moves the queue's cursor onto a complaint with j/k. */
  async moveTo(complaintId: string): Promise<void> {
    const order = await this.queueOrder();
    const target = order.indexOf(complaintId);
    if (target === -1) throw new Error(`${complaintId} is not in the queue (${order.join(', ')})`);
    const current = await this.queueRows().evaluateAll((rows) => rows.findIndex((row) => row.getAttribute('data-current') === 'true'));
    const key = target > current ? 'j' : 'k';
    for (let step = 0; step < Math.abs(target - current); step++) await this.press(key);
    await expect(this.queueRow(complaintId)).toHaveAttribute('data-current', 'true');
  }

  // ---------------------------------------------------------------- the evidence view

  get reviewPage(): Locator {
    return this.page.getByTestId('review-page');
  }

  get claimStatus(): Locator {
    return this.page.getByTestId('claim-status');
  }

  get footer(): Locator {
    return this.page.getByTestId('decision-footer');
  }

  /** Waits for a complaint's evidence view with this reviewer's claim on it: the keys act only then. */
  async expectWorking(complaintId: string): Promise<void> {
    await expect(this.reviewPage).toHaveAttribute('data-complaint-id', complaintId);
    await expect(this.claimStatus).toHaveAttribute('data-status', 'held');
    await expect(this.page.getByTestId('review-state')).toBeVisible();
    await expect(this.listings().first()).toBeVisible();
  }

  listings(): Locator {
    return this.page.getByTestId('review-listing');
  }

  listing(position: number): Locator {
    return this.page.locator(`[data-testid="review-listing"][data-position="${position}"]`);
  }

  statement(listingId: string): Locator {
    return this.page.locator(`[data-testid="statement"][data-listing-id="${listingId}"]`);
  }

  /**
   * Types over a statement's [[placeholders]] one after another: u and r leave
   * the first one selected in the focused field, and Tab selects the next.
   * Stops after the given answers; the statement may still hold more.
   */
  async fillPlaceholders(statement: Locator, answers: readonly string[]): Promise<void> {
    await expect(statement).toBeFocused();
    for (const [index, answer] of answers.entries()) {
      if (index > 0) await this.press('Tab');
      const left = Number(await statement.getAttribute('data-unfilled'));
      await this.page.keyboard.type(answer);
      await expect(statement).toHaveAttribute('data-unfilled', String(left - 1));
    }
  }

  // ---------------------------------------------------------------- request for material

  get infoForm(): Locator {
    return this.page.getByTestId('info-request-form');
  }

  deficiency(code: string): Locator {
    return this.page.locator(`[data-testid="info-deficiency"][data-code="${code}"]`);
  }
}
