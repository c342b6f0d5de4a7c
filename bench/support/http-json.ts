// Small fetch wrapper for set-up calls and checks (never on the measured path).
export interface JsonResponse<T> {
  status: number;
  body: T;
}

export async function requestJson<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function expectStatus<T>(what: string, expected: number, call: Promise<JsonResponse<T>>): Promise<T> {
  const response = await call;
  if (response.status !== expected) {
    throw new Error(`${what}: expected HTTP ${expected}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function waitForHttp(url: string, isAlive: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive()) throw new Error(`the process behind ${url} exited before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(200);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Polls `read` until two consecutive values are equal: requests the load generator cut off at the
// end of a run may still be committing, and counting mid-commit would report phantom differences.
export async function waitUntilStable(read: () => Promise<number>, intervalMs = 300, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  for (;;) {
    await sleep(intervalMs);
    const now = await read();
    if (now === last || Date.now() > deadline) return now;
    last = now;
  }
}
