import { useCallback, useEffect, useRef, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';

/**
 * Numbers each request so that only the newest one may write its answer.
 * Kept apart from React so the ordering rules can be tested in plain Node.
 */
export class LatestRequest {
  private current = 0;

  /** Starts a request; the returned check stays true until a newer request starts or `invalidate` runs. */
  begin(): () => boolean {
    const mine = ++this.current;
    return () => mine === this.current;
  }

  /** Drops every request in flight, e.g. when the view that asked goes away. */
  invalidate(): void {
    this.current++;
  }
}

export interface Settle<T> {
  onData: (data: T) => void;
  onError: (error: unknown) => void;
}

/**
 * Runs `loader` and hands its answer or failure on — unless a newer request started meanwhile.
 * Answers can overtake each other (a slow first load after a quick Retry, or a reply that lands
 * after the list was filtered differently), and the older one must not replace the newer.
 */
export async function loadLatest<T>(latest: LatestRequest, loader: () => Promise<T>, settle: Settle<T>): Promise<void> {
  const isCurrent = latest.begin();
  let data: T;
  try {
    data = await loader();
  } catch (caught) {
    if (isCurrent()) settle.onError(caught);
    return;
  }
  if (isCurrent()) settle.onData(data);
}

export interface Resource<T> {
  /** The last answer; undefined until the first one arrives, and again after `deps` change. */
  data: T | undefined;
  /** Why the last load failed; cleared when a new load starts. */
  error: unknown;
  /** Nothing to show yet: no answer and no failure. A reload keeps the previous answer on screen. */
  loading: boolean;
  reload: () => Promise<void>;
  /** For local edits (a row removed, a message marked read) that the next load will confirm. */
  setData: Dispatch<SetStateAction<T | undefined>>;
  /** For failures of follow-up actions that belong in the same banner as the load's. */
  setError: Dispatch<SetStateAction<unknown>>;
}

export interface ResourceOptions<T> {
  /** Runs with each answer that is actually shown, e.g. to seed a form from it. */
  onLoad?: (data: T) => void;
}

/**
 * Loads `loader` when the view mounts and whenever `deps` change, and offers `reload` for
 * Refresh and Retry buttons. `deps` are what `loader` reads, as for `useCallback`.
 */
export function useResource<T>(loader: () => Promise<T>, deps: DependencyList, options: ResourceOptions<T> = {}): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [latest] = useState(() => new LatestRequest());
  // Read through a ref so a parent re-render (a new inline callback) does not refetch.
  const onLoad = useRef(options.onLoad);
  useEffect(() => {
    onLoad.current = options.onLoad;
  }, [options.onLoad]);

  // The caller's deps stand in for the loader's identity, exactly as with useCallback.
  const load = useCallback(loader, deps);

  const reload = useCallback(() => {
    setError(undefined);
    return loadLatest(latest, load, {
      onData: (next) => {
        setData(next);
        onLoad.current?.(next);
      },
      onError: setError,
    });
  }, [latest, load]);

  useEffect(() => {
    // An answer to different deps (e.g. another filter) must not stay on screen as if it were this one.
    setData(undefined);
    void reload();
    // A reply that lands after unmount, or after deps changed, belongs to nobody.
    return () => latest.invalidate();
  }, [latest, reload]);

  return { data, error, loading: data === undefined && error === undefined, reload, setData, setError };
}
