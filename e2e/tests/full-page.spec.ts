import { expect, test } from '@playwright/test';
import { fixtureJourney } from '../support/fixture-journey';
import { readQueueDb } from '../support/extension';
import { signInThroughPopup } from '../support/marketplace-journey';

const journey = fixtureJourney();

interface Bands {
  width: number;
  height: number;
  /** Rows whose pixel near the left edge is each fixture colour, as [first, last, count]. */
  header: [number, number, number];
  bar: [number, number, number];
  /** Pixels anywhere still in the lazy images' placeholder grey. */
  placeholderPixels: number;
}

test('a full-page capture of a page ten screens tall is one image of the full height, with the sticky header once and the lazy images loaded, and the page archive is receipted', async () => {
  test.setTimeout(120_000);
  const { backend, fixtures, browser } = journey;
  const { context } = browser;
  const popup = await signInThroughPopup(journey, 'monitor@demo.test', 'demo-password-1');
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');

  const page = await context.newPage();
  await page.goto(fixtures.url('/full-page-tall.html'));
  await page.evaluate(() => window.scrollTo(0, 2 * innerHeight));
  const before = await page.evaluate(() => ({ scrollY, innerWidth, innerHeight, dpr: devicePixelRatio }));
  await page.bringToFront();

  // The whole page is the popup's default capture.
  await expect(popup.page.getByTestId('capture-mode-full')).toBeChecked();
  const id = await popup.capture();
  await expect(popup.item(id)).toHaveAttribute('data-status', 'synced', { timeout: 60_000 });

  // The page is left as it was found.
  expect(await page.evaluate(() => scrollY)).toBe(before.scrollY);
  expect(await page.locator('[data-openipp-hidden]').count()).toBe(0);

  // The stored image, decoded in the browser: its size and the rows of each fixture colour.
  const token = await backend.token('monitor@demo.test');
  const list = await backend.api<{ items: { id: string; url: string; screenshot: { sha256: string } }[] }>('/api/captures', token);
  const capture = list.items.find((item) => item.url === fixtures.url('/full-page-tall.html'));
  expect(capture).toBeDefined();
  const bytes = backend.hashStoredBlob(capture!.screenshot.sha256).bytes;
  const reader = await context.newPage();
  await reader.goto(fixtures.url('/listing.html'));
  const bands = await reader.evaluate(async (base64: string): Promise<Bands> => {
    const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
    const canvas = new OffscreenCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, image.width, image.height);
    const near = (i: number, [r, g, b]: [number, number, number]) => Math.abs(data[i]! - r) <= 2 && Math.abs(data[i + 1]! - g) <= 2 && Math.abs(data[i + 2]! - b) <= 2;
    const band = (colour: [number, number, number]): [number, number, number] => {
      let first = -1;
      let last = -1;
      let count = 0;
      for (let y = 0; y < image.height; y++) {
        if (near((y * image.width + 5) * 4, colour)) {
          if (first === -1) first = y;
          last = y;
          count++;
        }
      }
      return [first, last, count];
    };
    let placeholderPixels = 0;
    for (let i = 0; i < data.length; i += 4) if (near(i, [0xcc, 0xcc, 0xcc])) placeholderPixels++;
    return { width: image.width, height: image.height, header: band([0xff, 0x00, 0xaa]), bar: band([0x00, 0xb3, 0xff]), placeholderPixels };
  }, bytes.toString('base64'));

  const dpr = before.dpr;
  expect(bands.width).toBe(Math.round(before.innerWidth * dpr));
  expect(bands.height).toBe(Math.round(10 * before.innerHeight * dpr));
  // The sticky header once, at the very top; the fixed bar once, at the very bottom.
  expect(bands.header).toEqual([0, Math.round(64 * dpr) - 1, Math.round(64 * dpr)]);
  expect(bands.bar).toEqual([bands.height - Math.round(48 * dpr), bands.height - 1, Math.round(48 * dpr)]);
  // Every lazy image was brought in before the frames were taken.
  expect(bands.placeholderPixels).toBe(0);

  // The page archive was saved with it (issue #7 part 2); the browser's words if not.
  const entry = (await readQueueDb(popup.page)).entries.find((stored) => stored.id === id);
  expect(entry?.archive, entry?.archiveDetail).toBe('saved');
  const full = await backend.api<{ receipt: { state?: string; signature?: string; artefacts?: { kind: string; sha256: string }[] } }>(`/api/captures/${capture!.id}`, token);
  expect(full.receipt.state).toBe('receipted');
  expect(full.receipt.signature).toBeTruthy();
  const archive = full.receipt.artefacts?.find((artefact) => artefact.kind === 'page_archive');
  expect(archive, 'page archive missing').toBeDefined();
  const stored = backend.hashStoredBlob(archive!.sha256);
  expect(stored.sha256).toBe(archive!.sha256);
  const text = stored.bytes.toString('latin1');
  expect(text.startsWith('From: <Saved by Blink>')).toBe(true);
  expect(text).toContain('multipart/related');

});
