import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { databaseNameOf } from '@app/core';

export interface StoredDemoKey {
  workspaceId: string;
  keyId: string;
  key: string;
}

// TrackLayer keeps only a hash of an ingest key, so the demo key `npm run dev` prints lives in a
// file under .local/ (never committed), one per database: every start prints the same key, and
// a snippet or curl command pasted yesterday keeps working.
export class DemoKeyStore {
  readonly path: string;

  constructor(directory: string, databaseUrl: string) {
    this.path = join(directory, `${encodeURIComponent(databaseNameOf(databaseUrl))}.json`);
  }

  // A file that is not a stored key (edited, truncated) is reported and then replaced.
  read(): { stored?: StoredDemoKey; problem?: string } {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    let value: Partial<StoredDemoKey>;
    try {
      value = JSON.parse(text) as Partial<StoredDemoKey>;
    } catch (error) {
      return { problem: `${this.path} is not JSON (${(error as Error).message})` };
    }
    const complete = typeof value.workspaceId === 'string' && typeof value.keyId === 'string' && typeof value.key === 'string';
    return complete ? { stored: value as StoredDemoKey } : { problem: `${this.path} lacks workspaceId, keyId or key` };
  }

  write(value: StoredDemoKey): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    chmodSync(this.path, 0o600);
  }
}
