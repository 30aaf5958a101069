import type { CapturePreview } from './queue';

/** Wide enough to mark a region precisely on a laptop screen, small enough to keep hundreds. */
export const PREVIEW_MAX_WIDTH = 960;

/**
 * A downscaled JPEG of a screenshot, made in the worker with OffscreenCanvas.
 * The original PNG stays the evidence and leaves the device after upload; this
 * copy only lets the complaint builder show the capture and take a marked
 * region in 0..1 units, which do not depend on the resolution. Returns
 * undefined where the canvas APIs are missing or the image will not decode:
 * a capture is never refused for want of a preview.
 */
export async function makePreview(png: ArrayBuffer): Promise<CapturePreview | undefined> {
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap === 'undefined') return undefined;
  try {
    const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }));
    const scale = Math.min(1, PREVIEW_MAX_WIDTH / bitmap.width);
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.82 });
    return { bytes: await blob.arrayBuffer(), type: blob.type || 'image/jpeg' };
  } catch {
    return undefined;
  }
}
