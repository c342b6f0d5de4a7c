import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';

export interface ApiQuery<T> {
  data: T | undefined;
  error: ApiError | undefined;
  // Nothing loaded yet for the current key.
  loading: boolean;
  reload: () => Promise<void>;
}

interface Result<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

// Loads on mount and whenever `key` changes, optionally again every `refreshMs` (the live pages).
// A refresh keeps the last good data on screen; results of an older key are never shown.
export function useApiQuery<T>(key: string, load: () => Promise<T>, { refreshMs }: { refreshMs?: number } = {}): ApiQuery<T> {
  const [result, setResult] = useState<Result<T>>({ key: '' });
  const loader = useRef(load);
  const currentKey = useRef(key);
  useEffect(() => {
    loader.current = load;
    currentKey.current = key;
  });

  const reload = useCallback(async () => {
    const forKey = currentKey.current;
    try {
      const data = await loader.current();
      if (forKey === currentKey.current) setResult({ key: forKey, data });
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      if (forKey === currentKey.current) setResult((previous) => ({ ...(previous.key === forKey ? previous : { key: forKey }), error: caught }));
    }
  }, []);

  useEffect(() => {
    void reload();
    if (!refreshMs) return undefined;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, refreshMs);
    return () => window.clearInterval(timer);
  }, [key, refreshMs, reload]);

  const current = result.key === key ? result : undefined;
  return { data: current?.data, error: current?.error, loading: !current, reload };
}
