import { DOCUMENT_MAX_BYTES, labelMatchesKind, sniffFileKind, type SniffedKind } from '@openipp/shared';

/** What is wrong with one chosen file; the same checks the server makes on receipt. */
export type DocumentProblem = 'empty' | 'too_large' | 'unsupported' | 'mismatch';

export interface DocumentCheck {
  name: string;
  kind?: SniffedKind;
  problem?: DocumentProblem;
}

export const DOCUMENT_ACCEPT = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

/**
 * Checks a chosen identity or authority document before upload, by its first
 * bytes (not its name): a renamed Word file is refused here, with its name,
 * instead of after a long upload.
 */
export async function checkDocument(file: Blob & { readonly name: string }): Promise<DocumentCheck> {
  if (file.size === 0) return { name: file.name, problem: 'empty' };
  if (file.size > DOCUMENT_MAX_BYTES) return { name: file.name, problem: 'too_large' };
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const kind = sniffFileKind(head);
  if (!kind) return { name: file.name, problem: 'unsupported' };
  if (!labelMatchesKind(kind, file.name, file.type)) return { name: file.name, kind, problem: 'mismatch' };
  return { name: file.name, kind };
}
