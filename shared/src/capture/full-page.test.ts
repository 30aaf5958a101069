import { describe, expect, it } from 'vitest';
import { FULL_PAGE_LIMITS, FullPageGeometryError, maxTileHeight, planFullPage, type FullPageInput, type FullPagePlan } from './full-page';

const HEADER = -1;
const FOOTER = -2;

/**
 * A page whose every device row holds its own row number, under a viewport
 * with a fixed header band on top and a fixed bar at the bottom. Each frame
 * is "screenshot" from it exactly as a browser would show it at the plan's
 * scroll position, then the frames are stitched by the plan's draws. The
 * result must be the page itself, the header only in its first rows and the
 * bottom bar only in its last.
 */
function stitch(input: FullPageInput, plan: FullPagePlan): number[][] {
  const dpr = input.devicePixelRatio;
  const frameRows = Math.round(input.viewportHeight * dpr);
  const headerRows = Math.round((input.stickyTop ?? 0) * dpr);
  const footerStart = Math.round((input.viewportHeight - (input.stickyBottom ?? 0)) * dpr);
  const tiles = plan.tiles.map((tile) => new Array<number>(tile.height).fill(Number.NaN));
  for (const [index, frame] of plan.frames.entries()) {
    const origin = Math.round(frame.scrollY * dpr);
    // With bandsHidden the capturer hides the header after frame 0 and the bar where the plan says so.
    const header = !input.bandsHidden || index === 0;
    const footer = !input.bandsHidden || frame.showsBottomBand;
    const shot = Array.from({ length: frameRows }, (_, row) =>
      header && row < headerRows ? HEADER : footer && row >= footerStart ? FOOTER : origin + row,
    );
    for (const draw of frame.draws) {
      if (draw.sourceY < 0 || draw.sourceY + draw.height > frameRows) throw new Error(`draw outside the frame: ${JSON.stringify(draw)}`);
      const tile = tiles[draw.tile]!;
      for (let i = 0; i < draw.height; i += 1) {
        // Every stitched row is written exactly once.
        if (!Number.isNaN(tile[draw.destY + i])) throw new Error(`row ${draw.destY + i} of tile ${draw.tile} written twice`);
        tile[draw.destY + i] = shot[draw.sourceY + i]!;
      }
    }
  }
  return tiles;
}

/** What the stitched page must read: its own rows, the header first, the bar last. */
function expectedRows(input: FullPageInput, rows: number): number[] {
  const dpr = input.devicePixelRatio;
  const page = Math.max(input.pageHeight, input.viewportHeight);
  const headerRows = Math.round((input.stickyTop ?? 0) * dpr);
  const footerStart = Math.round((page - (input.stickyBottom ?? 0)) * dpr);
  return Array.from({ length: rows }, (_, row) => (row < headerRows ? HEADER : row >= footerStart ? FOOTER : row));
}

const count = (rows: number[], value: number) => rows.filter((row) => row === value).length;

const base = { viewportWidth: 1280, viewportHeight: 720, devicePixelRatio: 1 };

describe('planFullPage', () => {
  it('takes a page of exact viewport multiples in whole screens', () => {
    const input = { ...base, pageHeight: 2160 };
    const plan = planFullPage(input);
    expect(plan.frames.map((f) => f.scrollY)).toEqual([0, 720, 1440]);
    expect(plan.frames.map((f) => f.draws)).toEqual([
      [{ tile: 0, sourceY: 0, height: 720, destY: 0 }],
      [{ tile: 0, sourceY: 0, height: 720, destY: 720 }],
      [{ tile: 0, sourceY: 0, height: 720, destY: 1440 }],
    ]);
    expect(plan).toMatchObject({ width: 1280, pageHeight: 2160, coveredHeight: 2160, totalTiles: 1, tiles: [{ y: 0, height: 2160 }] });
    expect(stitch(input, plan)).toEqual([expectedRows(input, 2160)]);
  });

  it('scrolls the last frame to the bottom and keeps only its new rows', () => {
    const input = { ...base, pageHeight: 1800 };
    const plan = planFullPage(input);
    expect(plan.frames.map((f) => f.scrollY)).toEqual([0, 720, 1080]);
    expect(plan.frames[2]!.draws).toEqual([{ tile: 0, sourceY: 360, height: 360, destY: 1440 }]);
    expect(stitch(input, plan)).toEqual([expectedRows(input, 1800)]);
  });

  it('gives a page no taller than the viewport one frame of exactly the viewport', () => {
    for (const pageHeight of [300, 720]) {
      const plan = planFullPage({ ...base, pageHeight, devicePixelRatio: 2 });
      expect(plan.frames).toEqual([{ scrollY: 0, top: 0, bottom: 720, draws: [{ tile: 0, sourceY: 0, height: 1440, destY: 0 }], showsBottomBand: true }]);
      expect(plan.tiles).toEqual([{ y: 0, height: 1440 }]);
      expect(plan.width).toBe(2560);
    }
  });

  it('keeps a sticky header in the first frame only and continues each frame below it', () => {
    const input = { ...base, pageHeight: 2000, stickyTop: 60 };
    const plan = planFullPage(input);
    expect(plan.frames.map((f) => [f.scrollY, f.top, f.bottom])).toEqual([
      [0, 0, 720],
      [660, 720, 1380],
      [1280, 1380, 2000],
    ]);
    expect(plan.frames.slice(1).every((f) => f.draws.every((d) => d.sourceY >= 60))).toBe(true);
    const [rows] = stitch(input, plan);
    expect(rows).toEqual(expectedRows(input, 2000));
    expect(count(rows!, HEADER)).toBe(60);
  });

  it('keeps a fixed bottom bar in the last frame only', () => {
    const input = { ...base, pageHeight: 2500, stickyTop: 50, stickyBottom: 40 };
    const plan = planFullPage(input);
    const [rows] = stitch(input, plan);
    expect(rows).toEqual(expectedRows(input, 2500));
    expect(count(rows!, HEADER)).toBe(50);
    expect(count(rows!, FOOTER)).toBe(40);
    expect(rows!.slice(-40).every((row) => row === FOOTER)).toBe(true);
  });

  it('works in device pixels at DPR 2', () => {
    const input = { ...base, pageHeight: 1800, stickyTop: 60, devicePixelRatio: 2 };
    const plan = planFullPage(input);
    expect(plan.width).toBe(2560);
    expect(plan.pageHeight).toBe(3600);
    expect(plan.frames.map((f) => f.scrollY)).toEqual([0, 660, 1080]);
    expect(plan.frames[1]!.draws).toEqual([{ tile: 0, sourceY: 120, height: 1320, destY: 1440 }]);
    expect(plan.frames[2]!.draws).toEqual([{ tile: 0, sourceY: 600, height: 840, destY: 2760 }]);
    const [rows] = stitch(input, plan);
    expect(rows).toEqual(expectedRows(input, 3600));
    expect(count(rows!, HEADER)).toBe(120);
  });

  it('takes a page 10 screens tall as one image with the header once', () => {
    const plain = planFullPage({ ...base, pageHeight: 7200 });
    // Without a header, ten frames: the floor set by two screenshots a second.
    expect(plain.frames).toHaveLength(10);
    const input = { ...base, pageHeight: 7200, stickyTop: 64 };
    const plan = planFullPage(input);
    expect(plan.frames).toHaveLength(11);
    expect(plan.tiles).toEqual([{ y: 0, height: 7200 }]);
    const [rows] = stitch(input, plan);
    expect(rows).toEqual(expectedRows(input, 7200));
    expect(count(rows!, HEADER)).toBe(64);
  });

  it('splits a page beyond the canvas limit into tiles, with no row lost or doubled', () => {
    const input = { ...base, pageHeight: 20_000, stickyTop: 64, devicePixelRatio: 2 };
    const plan = planFullPage(input);
    expect(plan.pageHeight).toBe(40_000);
    expect(plan.tiles).toEqual([
      { y: 0, height: 16_384 },
      { y: 16_384, height: 16_384 },
      { y: 32_768, height: 7_232 },
    ]);
    expect(plan.totalTiles).toBe(3);
    for (const tile of plan.tiles) expect(tile.height * plan.width).toBeLessThanOrEqual(FULL_PAGE_LIMITS.maxArea);
    // A frame across a tile boundary is drawn into both tiles.
    expect(plan.frames.some((f) => f.draws.length === 2 && f.draws[0]!.tile === 0 && f.draws[1]!.tile === 1)).toBe(true);
    const stitched = stitch(input, plan);
    expect(stitched.flat()).toEqual(expectedRows(input, 40_000));
  });

  it('narrows tiles by area for very wide viewports', () => {
    expect(maxTileHeight(5000)).toBe(Math.floor(2 ** 26 / 5000));
    const plan = planFullPage({ ...base, viewportWidth: 2500, devicePixelRatio: 2, pageHeight: 8000 });
    expect(plan.tiles.map((t) => t.height)).toEqual([13_421, 2_579]);
  });

  it('plans only the first tiles when told, and says how much of the page that covers', () => {
    const input = { ...base, pageHeight: 20_000, stickyTop: 64, stickyBottom: 30, devicePixelRatio: 2, maxTiles: 1 };
    const plan = planFullPage(input);
    expect(plan).toMatchObject({ pageHeight: 40_000, coveredHeight: 16_384, totalTiles: 3, tiles: [{ y: 0, height: 16_384 }] });
    const last = plan.frames.at(-1)!;
    expect(last.bottom).toBe(8192);
    expect(last.scrollY).toBeLessThanOrEqual(20_000 - 720);
    const [rows] = stitch(input, plan);
    // Cut mid-page: the bottom bar stays cropped, since content lies under it there.
    expect(rows).toEqual(expectedRows({ ...input, stickyBottom: 0 }, 16_384));
  });

  it('stitches without gaps or overlaps across ratios, page heights and bands', () => {
    for (const devicePixelRatio of [1, 1.5, 2, 3]) {
      for (const pageHeight of [720, 722, 1439, 1440, 1441, 5000, 9998]) {
        for (const [stickyTop, stickyBottom] of [[0, 0], [64, 0], [0, 48], [100, 50]] as const) {
          const input = { ...base, viewportHeight: 720, pageHeight, stickyTop, stickyBottom, devicePixelRatio };
          const plan = planFullPage({ ...input, limits: { maxSide: 4000, maxArea: 2 ** 26 } });
          expect(stitch(input, plan).flat()).toEqual(expectedRows(input, plan.pageHeight));
        }
      }
    }
  });

  it('does not crop bands that cover more than half the viewport: they are overlays, not bars', () => {
    const plan = planFullPage({ ...base, pageHeight: 3000, stickyTop: 300, stickyBottom: 100 });
    expect(plan).toMatchObject({ stickyTop: 0, stickyBottom: 0 });
    expect(plan.frames[1]!.scrollY).toBe(720);
  });

  it('refuses nonsense and viewports wider than a canvas can be', () => {
    expect(() => planFullPage({ ...base, pageHeight: 1000, devicePixelRatio: 0 })).toThrow(FullPageGeometryError);
    expect(() => planFullPage({ ...base, pageHeight: Number.NaN })).toThrow(FullPageGeometryError);
    expect(() => planFullPage({ ...base, pageHeight: 1000, viewportWidth: 9000, devicePixelRatio: 2 })).toThrow(
      expect.objectContaining({ reason: 'too_wide' }),
    );
  });

  describe('with the bands hidden after the first frame', () => {
    it('keeps the whole viewport in later frames: a page ten screens tall with a header and a bar takes eleven frames, not twelve', () => {
      const bands = { viewportWidth: 1280, viewportHeight: 813, devicePixelRatio: 1, pageHeight: 8130, stickyTop: 64, stickyBottom: 48 };
      expect(planFullPage(bands).frames).toHaveLength(12);
      const input = { ...bands, bandsHidden: true };
      const plan = planFullPage(input);
      // Frame 0 still crops the bar (nothing is hidden while the page archive is saved beside it).
      expect(plan.frames).toHaveLength(11);
      const [rows] = stitch(input, plan);
      expect(rows).toEqual(expectedRows(input, 8130));
      expect(count(rows!, HEADER)).toBe(64);
      expect(count(rows!, FOOTER)).toBe(48);
      // Only frame 0 (nothing hidden yet) and the frame at the true bottom show the bar.
      expect(plan.frames.map((frame) => frame.showsBottomBand)).toEqual([true, ...Array<boolean>(9).fill(false), true]);
    });

    it('gives every row exactly once, the header first and the bar last, across heights, ratios and tiles', () => {
      for (const devicePixelRatio of [1, 1.25, 2]) {
        for (const pageHeight of [700, 721, 1440, 2000, 5003, 20_000]) {
          for (const [stickyTop, stickyBottom] of [
            [0, 0],
            [60, 0],
            [0, 40],
            [64, 48],
          ] as const) {
            const input = { ...base, devicePixelRatio, pageHeight, stickyTop, stickyBottom, bandsHidden: true };
            const plan = planFullPage(input);
            const stitched = stitch(input, plan).flat();
            const expected = expectedRows(input, plan.pageHeight);
            expect(stitched, JSON.stringify({ devicePixelRatio, pageHeight, stickyTop, stickyBottom })).toEqual(expected);
          }
        }
      }
    });

    it('where maxTiles cuts the page, the last frame keeps the bar hidden and covers exactly the kept rows', () => {
      const input = { ...base, pageHeight: 20_000, stickyTop: 64, stickyBottom: 48, devicePixelRatio: 2, maxTiles: 1, bandsHidden: true };
      const plan = planFullPage(input);
      expect(plan.coveredHeight).toBe(16_384);
      expect(plan.frames.at(-1)!.showsBottomBand).toBe(false);
      const [rows] = stitch(input, plan);
      expect(rows).toHaveLength(16_384);
      expect(rows!.every((row, i) => (i < 128 ? row === HEADER : row === i))).toBe(true);
    });
  });
});
