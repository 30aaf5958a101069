import type { FullPagePlan, TileDraw } from '@openipp/shared';

/** One stitched image of a full-page capture: rows [y, y + height) of the page, in device px. */
export interface StitchedTile {
  png: ArrayBuffer;
  y: number;
  height: number;
}

/** Takes the frames in plan order and gives back the finished tiles. */
export interface FrameStitcher {
  add(frame: ArrayBuffer, draws: TileDraw[]): Promise<void>;
  finish(): Promise<StitchedTile[]>;
  /** Frees the canvases of a stitch that will not be finished (cancel, error). */
  dispose(): void;
}

/**
 * Stitches in the service worker with OffscreenCanvas. Frames come top to
 * bottom, so a tile is complete as soon as a frame draws below it: it is
 * encoded then and its canvas let go, and the worker holds one or two tiles'
 * pixels at a time rather than the whole page.
 *
 * A tile whose PNG would exceed `maxBytes` (the server's screenshot cap) is
 * cut in halves until each fits: an oversize page is tiled, not refused.
 */
export function createCanvasStitcher(plan: FullPagePlan, maxBytes: number): FrameStitcher {
  const canvases = new Map<number, OffscreenCanvas>();
  const done: StitchedTile[] = [];

  const canvasFor = (tile: number) => {
    let canvas = canvases.get(tile);
    if (!canvas) {
      const height = plan.tiles[tile]?.height;
      if (!height) throw new Error(`no tile ${tile} in the plan`);
      canvas = new OffscreenCanvas(plan.width, height);
      canvases.set(tile, canvas);
    }
    return canvas;
  };

  const close = async (tile: number) => {
    const canvas = canvases.get(tile);
    if (!canvas) return;
    canvases.delete(tile);
    done.push(...(await encodeWithin(canvas, plan.tiles[tile]!.y, maxBytes)));
  };

  return {
    async add(frame, draws) {
      const bitmap = await createImageBitmap(new Blob([frame], { type: 'image/png' }));
      try {
        const width = Math.min(bitmap.width, plan.width);
        for (const draw of draws) {
          const context = canvasFor(draw.tile).getContext('2d');
          if (!context) throw new Error('no 2d context');
          context.drawImage(bitmap, 0, draw.sourceY, width, draw.height, 0, draw.destY, width, draw.height);
        }
      } finally {
        bitmap.close();
      }
      const lowest = Math.min(...draws.map((draw) => draw.tile));
      for (const tile of [...canvases.keys()].filter((t) => t < lowest).sort((a, b) => a - b)) await close(tile);
    },
    async finish() {
      for (const tile of [...canvases.keys()].sort((a, b) => a - b)) await close(tile);
      return done.sort((a, b) => a.y - b.y);
    },
    dispose() {
      canvases.clear();
    },
  };
}

async function encodeWithin(canvas: OffscreenCanvas, y: number, maxBytes: number): Promise<StitchedTile[]> {
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  if (blob.size <= maxBytes || canvas.height < 2) return [{ png: await blob.arrayBuffer(), y, height: canvas.height }];
  const upper = Math.ceil(canvas.height / 2);
  const halves: StitchedTile[] = [];
  for (const [top, height] of [
    [0, upper],
    [upper, canvas.height - upper],
  ] as const) {
    const half = new OffscreenCanvas(canvas.width, height);
    half.getContext('2d')?.drawImage(canvas, 0, top, canvas.width, height, 0, 0, canvas.width, height);
    halves.push(...(await encodeWithin(half, y + top, maxBytes)));
  }
  return halves;
}
