import { expect, test } from '@playwright/test';
import { ConsolePage } from '../pages/console';
import { fixtureJourney } from '../support/fixture-journey';
import { signInThroughPopup } from '../support/marketplace-journey';

const journey = fixtureJourney();

interface CaptureItem {
  id: string;
  url: string;
  marks: { kind: string; x?: number; y?: number; width?: number; height?: number }[];
}

test('a region drawn with the mouse on the live page travels with the capture and is highlighted in the console', async () => {
  test.setTimeout(120_000);
  const { backend, fixtures, browser } = journey;
  const { context } = browser;
  const popup = await signInThroughPopup(journey, 'monitor@demo.test', 'demo-password-1');
  await expect(popup.page.getByTestId('user-email')).toContainText('monitor@demo.test');

  const listing = await context.newPage();
  await listing.goto(fixtures.url('/listing.html'));
  const viewport = await listing.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  await listing.bringToFront();

  // Mark first, then capture: the visible area, so the mark's place on the screenshot is the place on the screen.
  await popup.page.getByTestId('capture-mode-visible').check();
  await popup.page.getByTestId('mark-button').click();
  await listing.bringToFront();
  await listing.getByTestId('marker-tool-region').click();
  const drawn = { x: 200, y: 150, width: 400, height: 240 };
  await listing.mouse.move(drawn.x, drawn.y);
  await listing.mouse.down();
  await listing.mouse.move(drawn.x + drawn.width / 2, drawn.y + drawn.height / 2, { steps: 5 });
  await listing.mouse.move(drawn.x + drawn.width, drawn.y + drawn.height, { steps: 5 });
  await listing.mouse.up();
  await expect(listing.getByTestId('marker-count')).toContainText('1');
  await listing.getByTestId('marker-done').click();
  // The overlay is gone before the screenshot, so it is never part of the evidence.
  await expect(listing.locator('openipp-marker')).toHaveCount(0, { timeout: 15_000 });

  // The capture reaches the server with its mark, relative to the screenshot.
  const token = await backend.token('monitor@demo.test');
  let capture: CaptureItem | undefined;
  await expect
    .poll(
      async () => {
        const list = await backend.api<{ items: CaptureItem[] }>('/api/captures', token);
        capture = list.items.find((item) => item.url === fixtures.url('/listing.html') && item.marks.length > 0);
        return capture?.marks.length ?? 0;
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  // The page archive (MHTML) travelled with it and is part of the signed receipt.
  const full = await backend.api<{ receipt: { state?: string; artefacts?: { kind: string; sha256: string }[] } }>(`/api/captures/${capture!.id}`, token);
  expect(full.receipt.state).toBe('receipted');
  const archive = full.receipt.artefacts?.find((artefact) => artefact.kind === 'page_archive');
  expect(archive, 'page archive missing').toBeDefined();
  const stored = backend.hashStoredBlob(archive!.sha256);
  expect(stored.sha256).toBe(archive!.sha256);
  expect(stored.bytes.toString('latin1').startsWith('From: <Saved by Blink>')).toBe(true);
  const [mark] = capture!.marks;
  expect(mark!.kind).toBe('region');
  expect(mark!.x).toBeCloseTo(drawn.x / viewport.width, 2);
  expect(mark!.y).toBeCloseTo(drawn.y / viewport.height, 2);
  expect(mark!.width).toBeCloseTo(drawn.width / viewport.width, 2);
  expect(mark!.height).toBeCloseTo(drawn.height / viewport.height, 2);

  // The console highlights it on the screenshot, where it was drawn.
  const consolePage = new ConsolePage(await context.newPage(), backend.url);
  await consolePage.login('monitor@demo.test', 'demo-password-1');
  await consolePage.row(capture!.id).locator('a.thumb-link').click();
  const lightbox = consolePage.page.getByTestId('lightbox');
  const shot = lightbox.locator('img').first();
  await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const box = lightbox.getByTestId('mark-box');
  await expect(box).toHaveCount(1);
  const picture = (await shot.boundingBox())!;
  const region = (await box.boundingBox())!;
  expect(Math.abs(region.x - (picture.x + mark!.x! * picture.width))).toBeLessThan(3);
  expect(Math.abs(region.y - (picture.y + mark!.y! * picture.height))).toBeLessThan(3);
  expect(Math.abs(region.width - mark!.width! * picture.width)).toBeLessThan(3);
  expect(Math.abs(region.height - mark!.height! * picture.height)).toBeLessThan(3);
});
