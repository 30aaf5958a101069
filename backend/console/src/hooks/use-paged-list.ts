import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor?: string | undefined;
}

export interface PagedList<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor: string | undefined;
  loading: 'first' | 'more' | false;
  error: unknown;
  /** Starts over from the first page; answers to older requests are dropped. */
  reload: () => void;
  loadMore: () => void;
  /** Repeats the request that failed: the first page or the page after the last one shown. */
  retry: () => void;
}

export interface PagedListOptions {
  /**
   * Keep the rows on screen while the first page loads again, until it
   * replaces them. For a list whose query never changes (a refresh only adds
   * newer rows on top), so the table does not blink away and lose the reader's
   * place. A filtered list leaves this off: the old rows answer another query.
   */
  keepItemsOnReload?: boolean;
}

/**
 * A keyset-paginated list with "Load more" (newest first, an opaque cursor).
 * A reload supersedes any page still in flight, so a slow page of an old
 * filter is never appended to the new one. `deps` are what `loader` reads.
 */
export function usePagedList<T>(
  loader: (cursor: string | undefined) => Promise<Page<T>>,
  deps: DependencyList,
  { keepItemsOnReload = false }: PagedListOptions = {},
): PagedList<T> {
  const [state, setState] = useState<{ items: T[]; nextCursor: string | undefined; loading: 'first' | 'more' | false; error: unknown; failedCursor: string | undefined }>({
    items: [],
    nextCursor: undefined,
    loading: 'first',
    error: undefined,
    failedCursor: undefined,
  });
  const generation = useRef(0);
  // The caller's deps stand in for the loader's identity, exactly as with useCallback.
  const load = useCallback(loader, deps);

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const mine = cursor === undefined ? ++generation.current : generation.current;
      setState((current) => ({
        ...current,
        ...(cursor === undefined && !keepItemsOnReload ? { items: [], nextCursor: undefined } : {}),
        loading: cursor === undefined ? 'first' : 'more',
        error: undefined,
      }));
      try {
        const page = await load(cursor);
        if (mine !== generation.current) return;
        setState((current) => ({
          items: cursor === undefined ? page.items : [...current.items, ...page.items],
          nextCursor: page.nextCursor,
          loading: false,
          error: undefined,
          failedCursor: undefined,
        }));
      } catch (error) {
        if (mine !== generation.current) return;
        setState((current) => ({ ...current, loading: false, error, failedCursor: cursor }));
      }
    },
    [load, keepItemsOnReload],
  );

  useEffect(() => {
    void fetchPage(undefined);
    return () => {
      generation.current++;
    };
  }, [fetchPage]);

  const { items, nextCursor, loading, error, failedCursor } = state;
  return {
    items,
    nextCursor,
    loading,
    error,
    reload: () => void fetchPage(undefined),
    loadMore: () => {
      if (nextCursor !== undefined) void fetchPage(nextCursor);
    },
    retry: () => void fetchPage(failedCursor),
  };
}
