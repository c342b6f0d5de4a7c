import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-error';

export interface Action<Args extends unknown[]> {
  run: (...args: Args) => Promise<boolean>;
  busy: boolean;
  error: ApiError | undefined;
  clearError: () => void;
}

// A button's request: busy while it runs, its ApiError kept for the page to show in words.
export function useAction<Args extends unknown[]>(perform: (...args: Args) => Promise<unknown>): Action<Args> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (...args: Args) => {
      setBusy(true);
      setError(undefined);
      try {
        await perform(...args);
        return true;
      } catch (caught) {
        if (!(caught instanceof ApiError)) throw caught;
        setError(caught);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [perform],
  );
  return { run, busy, error, clearError: useCallback(() => setError(undefined), []) };
}
