/**
 * Magic-byte sniffing for the file kinds we accept. Both sides use it: the
 * extension refuses before upload, the server refuses on receipt.
 */
export type SniffedKind = 'image/png' | 'image/jpeg' | 'application/pdf';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((byte, index) => bytes[index] === byte);
}

export function sniffFileKind(bytes: Uint8Array): SniffedKind | undefined {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  return undefined;
}

const EXTENSIONS: Record<SniffedKind, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/pdf': ['pdf'],
};

/**
 * True when what the client claims (file name extension and part content type)
 * agrees with what the bytes are. A lying label is refused, not corrected,
 * because evidence whose metadata lies is worse than none.
 */
export function labelMatchesKind(kind: SniffedKind, fileName: string | undefined, contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type && type !== 'application/octet-stream' && type !== kind) {
    if (!(kind === 'image/jpeg' && type === 'image/jpg')) return false;
  }
  const dot = fileName?.lastIndexOf('.') ?? -1;
  if (fileName && dot > 0) {
    const ext = fileName.slice(dot + 1).toLowerCase();
    if (!EXTENSIONS[kind].includes(ext)) return false;
  }
  return true;
}

const PNG_IEND = [0x49, 0x45, 0x4e, 0x44]; // "IEND"
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // "%%EOF"

function pngEnd(bytes: Uint8Array): number | undefined {
  let offset = PNG.length;
  while (offset + 8 <= bytes.length) {
    const length = ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
    const next = offset + 12 + length;
    if (next > bytes.length) return undefined;
    if (PNG_IEND.every((byte, index) => bytes[offset + 4 + index] === byte)) return next;
    offset = next;
  }
  return undefined;
}

/** Walks the JPEG's marker segments, skipping each scan's entropy-coded data, to just past EOI. */
function jpegEnd(bytes: Uint8Array): number | undefined {
  let pos = 2;
  while (pos + 1 < bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos + 1 < bytes.length && bytes[pos + 1] === 0xff) pos += 1;
    if (pos + 1 >= bytes.length) return undefined;
    const marker = bytes[pos + 1]!;
    if (marker === 0xd9) return pos + 2;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (pos + 3 >= bytes.length) return undefined;
    const end = pos + 2 + ((bytes[pos + 2]! << 8) | bytes[pos + 3]!);
    if (end > bytes.length) return undefined;
    pos = end;
    if (marker !== 0xda) continue;
    // After a scan header: entropy-coded data, where 0xFF is followed by 0x00 (a stuffed byte) or a restart marker.
    while (pos + 1 < bytes.length && !(bytes[pos] === 0xff && bytes[pos + 1] !== 0x00 && !(bytes[pos + 1]! >= 0xd0 && bytes[pos + 1]! <= 0xd7))) pos += 1;
  }
  return undefined;
}

function pdfEnd(bytes: Uint8Array): number | undefined {
  for (let pos = bytes.length - PDF_EOF.length; pos >= 0; pos -= 1) {
    if (!PDF_EOF.every((byte, index) => bytes[pos + index] === byte)) continue;
    let end = pos + PDF_EOF.length;
    // End-of-line and padding after the marker belong to the file.
    while (end < bytes.length && [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[end]!)) end += 1;
    return end;
  }
  return undefined;
}

/**
 * How many bytes follow the file's own end (PNG's IEND chunk, JPEG's EOI
 * marker, a PDF's last %%EOF and the whitespace after it). More than zero
 * means a second file rides along — a polyglot such as a PNG that is also a
 * zip archive — and we refuse it: evidence is one file, not two. Undefined
 * when no end is found; whether such a file is whole is the decoder's call.
 */
export function trailingByteCount(bytes: Uint8Array, kind: SniffedKind): number | undefined {
  const end = kind === 'image/png' ? pngEnd(bytes) : kind === 'image/jpeg' ? jpegEnd(bytes) : pdfEnd(bytes);
  return end === undefined ? undefined : bytes.length - end;
}

/**
 * A file name as a browser sends it is a base name. One with a path
 * (separators, `..`), control characters (NUL among them) or bidirectional
 * overrides that disguise its extension comes from a hostile client; it is
 * refused rather than cleaned up, like a lying label.
 */
export function fileNameIsSafe(name: string | undefined): boolean {
  if (name === undefined || name === '') return true;
  if (name === '.' || name === '..') return false;
  return !/[/\\\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name);
}
