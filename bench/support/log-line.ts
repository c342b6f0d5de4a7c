import { readFileSync } from 'node:fs';
import { sleep } from './http-json';

// Waits until a child's log holds `line` (put the child's pid in it: the log file of an earlier
// bench may still be there), failing when the child exits first or after `timeoutMs`.
export async function waitForLogLine(name: string, logFile: string, line: string, alive: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let text = '';
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {
      // Not written yet.
    }
    if (text.includes(line)) return;
    if (!alive()) throw new Error(`${name} exited during start-up (log: ${logFile})`);
    if (Date.now() > deadline) throw new Error(`${name} did not start within ${timeoutMs / 1000} s (log: ${logFile})`);
    await sleep(200);
  }
}
