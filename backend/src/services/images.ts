import { LIMITS } from '@openipp/shared';
import sharp from 'sharp';
import { AppError } from '../lib/app-error';

export const THUMB_MAX_WIDTH = 320;
export const THUMB_MIME = 'image/webp';
export const DISPLAY_MIME = 'image/png';

export interface Renditions {
  width: number;
  height: number;
  /** Re-encoded PNG for display: decoded and re-written, so no original byte reaches a browser inline. */
  display: Buffer;
  /** At most THUMB_MAX_WIDTH wide. */
  thumb: Buffer;
}

function decodeError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new AppError('image_too_large', { cause: error });
  return new AppError('image_unreadable', { cause: error });
}

/** Decodes fully (a truncated file fails here, not later) and produces the display renditions. */
export async function makeRenditions(bytes: Uint8Array, maxPixels: number = LIMITS.imageMaxPixels): Promise<Renditions> {
  const input = () => sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' });
  try {
    const meta = await input().metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    const display = await input().png().toBuffer();
    const thumb = await input().resize({ width: THUMB_MAX_WIDTH, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    return { width: meta.width, height: meta.height, display, thumb };
  } catch (error) {
    throw decodeError(error);
  }
}

/** Decodes every pixel (under the pixel cap) without keeping any: proves an uploaded image is whole. */
export async function assertImageDecodes(bytes: Uint8Array, maxPixels: number = LIMITS.imageMaxPixels): Promise<void> {
  try {
    await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).stats();
  } catch (error) {
    throw decodeError(error);
  }
}
