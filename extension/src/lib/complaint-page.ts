import { browser } from 'wxt/browser';
import { addCaptures, captureRefOf, updateStoredDraft } from './complaint-draft';
import { getEntry } from './queue';

/** The builder is an extension page (issue #4); one tab of it is enough, so an open one is brought forward. */
export async function openComplaintBuilder(): Promise<void> {
  const url = browser.runtime.getURL('/complaint.html');
  const open = (await browser.tabs.query({})).find((tab) => tab.url?.startsWith(url));
  if (open?.id !== undefined) {
    await browser.tabs.update(open.id, { active: true });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true }).catch(() => undefined);
    return;
  }
  await browser.tabs.create({ url });
}

/**
 * "Add to complaint" right after a capture: the capture joins the stored
 * draft (as a new listing, or as more evidence for the same listing). Returns
 * whether it was added; false when the entry is gone or the draft is full.
 */
export async function addEntryToDraft(entryId: string): Promise<boolean> {
  const entry = await getEntry(entryId);
  if (!entry) return false;
  let attached = 0;
  await updateStoredDraft((input) => {
    const result = addCaptures(input, [captureRefOf(entry)]);
    attached = result.attached;
    return attached > 0 ? result.input : input;
  });
  return attached > 0;
}
