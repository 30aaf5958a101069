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
