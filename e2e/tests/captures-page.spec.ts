import { expect, test, type Page } from '@playwright/test';
import { fixtureJourney } from '../support/fixture-journey';
import { signInThroughPopup } from '../support/marketplace-journey';
import { CapturesPage } from '../pages/captures';

interface CaptureItem {
  id: string;
  url: string;
  receipt: { id: string; sha256: string };
  createdBy: { email: string };
}

const journey = fixtureJourney();

/**
 * Flips (or, given the saved byte, restores) the first byte of a queued
 * capture's page archive in the extension's IndexedDB, as a disk error would:
 * the server then refuses the archive for good with 422 hash_mismatch. Runs in
 * an extension page, which shares the worker's IndexedDB. Returns the byte
 * that was there.
 */
async function setArchiveFirstByte(extensionPage: Page, entryId: string, byte?: number): Promise<number> {
  return extensionPage.evaluate(
    async ({ entryId, byte }) => {
      const open = indexedDB.open('openipp-queue');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const done = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      try {
        const tx = db.transaction(['entries', 'artefacts'], 'readwrite');
        const entry = (await done(tx.objectStore('entries').get(entryId))) as { meta: { artefacts?: { kind: string; sha256: string }[] } };
        const archive = entry.meta.artefacts?.find((artefact) => artefact.kind === 'page_archive');
        if (!archive) throw new Error('the capture has no page archive');
        const key = `${entryId}/${archive.sha256}`;
        const stored = (await done(tx.objectStore('artefacts').get(key))) as { key: string; bytes: ArrayBuffer };
        const bytes = new Uint8Array(stored.bytes.slice(0));
        const before = bytes[0]!;
        bytes[0] = byte ?? before ^ 0xff;
        await done(tx.objectStore('artefacts').put({ key, bytes: bytes.buffer }));
        return before;
      } finally {
        db.close();
      }
    },
    { entryId, byte },
  );
}

test('the captures page follows each capture from queued to receipted, and a refused one through Retry', async () => {
  const { backend, fixtures, browser } = journey;
  const popup = await signInThroughPopup(journey, 'monitor@demo.test', 'demo-password-1');
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');

  // The server is down while two listings are captured: both wait in the queue.
  await backend.stop();
  const ids: string[] = [];
  for (const path of ['/listing.html', '/listing-2.html']) {
    const listing = await browser.context.newPage();
    await listing.goto(fixtures.url(path));
    await listing.bringToFront();
    ids.push(await popup.capture());
    await listing.close();
  }
  const [first, second] = ids as [string, string];

  // The popup's link opens the captures page.
  const captures = new CapturesPage(await popup.openCaptures());
  await captures.loaded();
  await expect(captures.page).toHaveURL(/\/captures\.html$/);
  // Newest first.
  await expect(captures.cards()).toHaveCount(2);
  await expect(captures.cards().nth(0)).toHaveAttribute('data-id', second);
  for (const id of ids) {
    const card = captures.card(id);
    await expect(card).toHaveAttribute('data-state', 'queued');
    await expect(card.getByTestId('capture-state')).toHaveText('Queued');
    await expect(card.getByTestId('capture-progress')).toHaveText('Nothing sent yet, 2 parts');
    await expect(card.getByTestId('capture-archive')).toHaveAttribute('data-archive', 'saved');
    // The preview the queue keeps, really decoded.
    const thumbnail = card.getByTestId('capture-thumbnail');
    await expect(thumbnail).toBeVisible();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  }
  await expect(captures.card(first)).toContainText(fixtures.url('/listing.html'));
  await expect(captures.unsynced()).toHaveAttribute('data-count', '2');
  await expect(captures.unsynced()).toHaveText('2 captures not receipted yet');
  // The worker keeps knocking on the dead server: the card counts the attempts and says when the next is due.
  await expect(captures.card(first).getByTestId('capture-next-try')).toContainText(/failed attempt/, { timeout: 60_000 });
  await expect(captures.card(first).getByTestId('capture-last-error')).toHaveText('Last error: The server cannot be reached.');

  // The second capture's page archive is damaged on disk: the server will refuse it.
  const original = await setArchiveFirstByte(captures.page, second);

  // The server comes back: without a reload, the first capture is receipted and the second fails.
  await backend.start();
  await captures.syncNow();
  const firstCard = captures.card(first);
  await expect(firstCard).toHaveAttribute('data-state', 'receipted', { timeout: 60_000 });
  const token = await backend.token('monitor@demo.test');
  const mine = async () =>
    (await backend.api<{ items: CaptureItem[] }>('/api/captures', token)).items.filter((item) => item.createdBy.email === 'monitor@demo.test');
  const firstOnServer = (await mine()).find((item) => item.url === fixtures.url('/listing.html'));
  expect(firstOnServer).toBeDefined();
  await expect(firstCard.getByTestId('capture-receipt-id')).toHaveText(`Receipt ${firstOnServer!.receipt.id}`);
  await expect(firstCard.getByTestId('capture-sha256')).toHaveAttribute('data-hash', firstOnServer!.receipt.sha256);
  await expect(firstCard.getByTestId('capture-progress')).toHaveText('All 2 parts received');

  const secondCard = captures.card(second);
  await expect(secondCard).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  await expect(secondCard.getByTestId('capture-failure')).toHaveText(
    "The server refused it: The file's SHA-256 does not match the hash it was declared with; nothing was stored.",
  );
  // The server does not hold the archive. (Whether it took the screenshot depends on whether the archive
  // travelled inside the capture's upload or after it; either way the page says which.)
  const progress = secondCard.getByTestId('capture-progress');
  await expect(progress).toHaveAttribute('data-total', '2');
  await expect(progress).toHaveText(/^(Nothing sent yet, 2 parts|Screenshot sent, 1 of 2 parts)$/);
  await expect(secondCard.getByTestId('capture-part')).toHaveCount(2);
  await expect(secondCard.locator('[data-testid="capture-part"][data-kind="page_archive"]')).toHaveAttribute('data-received', 'false');
  await expect(secondCard.getByTestId('capture-retry')).toHaveText('Retry');
  await expect(captures.unsynced()).toHaveAttribute('data-count', '1');
  // The popup shows the same, live.
  await expect(popup.item(second)).toHaveAttribute('data-status', 'failed');
  await expect(popup.item(second).getByTestId('capture-progress')).toHaveText(await progress.innerText());

  // Filters by state.
  await captures.filter('failed');
  await expect(captures.cards()).toHaveCount(1);
  await expect(captures.cards().first()).toHaveAttribute('data-id', second);
  await captures.filter('receipted');
  await expect(captures.cards()).toHaveCount(1);
  await expect(captures.cards().first()).toHaveAttribute('data-id', first);
  await captures.filter('queued');
  await expect(captures.page.getByTestId('captures-empty')).toHaveText('No captures in this state.');
  await captures.filter('all');
  await expect(captures.cards()).toHaveCount(2);

  // The bytes are whole again (the evidence was backed up, say); Retry sends what the server still lacks.
  await setArchiveFirstByte(captures.page, second, original);
  await captures.retry(second);
  await expect(secondCard).toHaveAttribute('data-state', 'receipted', { timeout: 60_000 });
  const secondOnServer = (await mine()).find((item) => item.url === fixtures.url('/listing-2.html'));
  expect(secondOnServer).toBeDefined();
  await expect(secondCard.getByTestId('capture-receipt-id')).toHaveText(`Receipt ${secondOnServer!.receipt.id}`);
  await expect(secondCard.getByTestId('capture-progress')).toHaveText('All 2 parts received');
  await expect(captures.unsynced()).toHaveAttribute('data-count', '0');
  await expect(captures.unsynced()).toHaveText('Every capture on this device is receipted.');
  // Each listing is on the server exactly once: the refusal lost nothing, and the retry filed nothing twice.
  expect((await mine()).map((item) => item.url).sort()).toEqual([fixtures.url('/listing-2.html'), fixtures.url('/listing.html')].sort());
});
