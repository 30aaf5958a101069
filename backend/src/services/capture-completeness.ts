import type { Store } from '../store/types';

/**
 * Those of `ids` still missing declared artefacts (issue #7): with no
 * manifest, signed receipt or bundle yet, they are no evidence a notice or an
 * answer to a request for material may rest on. Receipted as soon as the
 * last bytes arrive; then they qualify.
 */
export async function incompleteCaptureIds(store: Pick<Store, 'listCaptureArtefacts'>, ids: Iterable<string>): Promise<Set<string>> {
  const incomplete = new Set<string>();
  for (const id of ids) {
    if ((await store.listCaptureArtefacts(id)).some((artefact) => artefact.receivedAt === null)) incomplete.add(id);
  }
  return incomplete;
}
