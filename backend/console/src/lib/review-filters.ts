import { QueueQuerySchema, type QueueQuery } from '@openipp/shared';

/** The queue's filters: what the reviewer narrows the queue to, kept in the hash so a reload keeps them. */
export type QueueFilters = Pick<QueueQuery, 'marketplace' | 'reason' | 'rightType' | 'state' | 'overdue' | 'risk'>;

/** In the order they appear in the address, so the same filters always give the same hash. */
export const QUEUE_FILTER_NAMES = ['marketplace', 'reason', 'rightType', 'state', 'overdue', 'risk'] as const satisfies ReadonlyArray<keyof QueueFilters>;
export type QueueFilterName = (typeof QUEUE_FILTER_NAMES)[number];

/**
 * The filters named in a hash query. A value the queue route would refuse
 * (a hand-edited address, a reason code since renamed) is dropped rather than
 * sent: the reviewer sees the wider queue instead of an error page.
 */
export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const filters: QueueFilters = {};
  for (const name of QUEUE_FILTER_NAMES) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const parsed = QueueQuerySchema.shape[name].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) (filters as Record<QueueFilterName, string>)[name] = parsed.data;
  }
  return filters;
}

export function queueFilterParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of QUEUE_FILTER_NAMES) {
    const value = filters[name];
    if (value !== undefined && value !== '') params.set(name, value);
  }
  return params;
}

/** A stable text for the filters, e.g. as a dependency that changes only when they do. */
export function queueFilterKey(filters: QueueFilters): string {
  return queueFilterParams(filters).toString();
}

const withQuery = (path: string, filters: QueueFilters): string => {
  const query = queueFilterKey(filters);
  return query ? `${path}?${query}` : path;
};

/** The queue with these filters. */
export const reviewQueueHref = (filters: QueueFilters = {}): string => withQuery('#/review', filters);

/** A complaint's evidence view; the filters ride along so "Submit & Next" keeps to the same queue. */
export const reviewComplaintHref = (id: string, filters: QueueFilters = {}): string => withQuery(`#/review/${encodeURIComponent(id)}`, filters);

/** One filter changed; an empty value removes it. */
export function withFilter(filters: QueueFilters, name: QueueFilterName, value: string): QueueFilters {
  const next: Record<string, string | undefined> = { ...filters, [name]: value === '' ? undefined : value };
  return parseQueueFilters(queueFilterParams(next as QueueFilters));
}
