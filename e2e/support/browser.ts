import { chromium, type Browser } from '@playwright/test';
import { chromiumPath } from './paths';

/** Plain Chromium (no extension) for console-only journeys. */
export async function launchBrowser(locale = 'en-US'): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--lang=${locale}`],
  });
}

/** A small but well-formed PDF, as an identity document would be. */
export function samplePdf(title: string): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj',
    `4 0 obj << /Length ${title.length + 24} >> stream`,
    `BT /F1 12 Tf 72 720 Td (${title}) Tj ET`,
    'endstream endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}
