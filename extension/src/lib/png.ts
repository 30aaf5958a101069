export function dataUrlToBytes(dataUrl: string): ArrayBuffer {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Width and height from the PNG IHDR chunk (always the first chunk). */
export function readPngSize(png: ArrayBuffer): { width: number; height: number } | undefined {
  if (png.byteLength < 24) return undefined;
  const view = new DataView(png);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
