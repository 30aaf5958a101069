/** The layout of an evidence bundle (a zip): one fixed name per record, artefacts by their hash. */
export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  receipt: 'receipt.json',
  chainProof: 'chain-proof.json',
  publicKey: 'public-key.pem',
} as const;

const MIME_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'multipart/related': 'mhtml',
  'application/x-mimearchive': 'mhtml',
};

export function bundleArtefactPath(artefact: { sha256: string; mime: string }): string {
  return `artefacts/${artefact.sha256}.${MIME_EXTENSIONS[artefact.mime] ?? 'bin'}`;
}
