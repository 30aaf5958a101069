import { backendUrlItem, normaliseBackendUrl, sessionItem } from './storage';

/**
 * Stores a new backend URL. Returns the canonical URL, or undefined when the
 * input is not an http(s) base URL. A token is only valid for the server that
 * issued it, and must never be sent to another one, so switching servers
 * signs the user out.
 */
export async function saveBackendUrl(input: string): Promise<string | undefined> {
  const url = normaliseBackendUrl(input);
  if (url === undefined) return undefined;
  const previous = normaliseBackendUrl(await backendUrlItem.getValue());
  await backendUrlItem.setValue(url);
  if (previous !== url) await sessionItem.setValue(null);
  return url;
}
