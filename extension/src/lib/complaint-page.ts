import { addCaptures, captureRefOf, updateStoredDraft } from './complaint-draft';
import { openExtensionPage } from './extension-page';
import { getEntry } from './queue';

/** The builder is an extension page (issue #4). */
export function openComplaintBuilder(): Promise<void> {
  return openExtensionPage('/complaint.html');
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
