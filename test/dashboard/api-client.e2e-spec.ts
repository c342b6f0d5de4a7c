import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestApp, TestApp } from '@app/testing';
import { GENERATED_DIR, generateApiFiles, OpenApiDocument } from '../../apps/dashboard/build/api-client.generator';
import { PLANNED_OPERATIONS } from '../../apps/dashboard/src/api/planned-api';

// The dashboard's API client is generated from the real api's OpenAPI document: when an endpoint
// or a response type changes, this fails until `npm run dashboard:api` regenerates the committed
// files (UPDATE_DASHBOARD_API=1 makes this test write them).
describe('dashboard API client', () => {
  let api: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    api = await createTestApp();
    document = (await api.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => api.close());

  it('is generated from the current OpenAPI document', async () => {
    const files = await generateApiFiles(document);
    for (const [name, content] of Object.entries(files)) {
      const path = join(GENERATED_DIR, name);
      if (process.env.UPDATE_DASHBOARD_API === '1') await writeFile(path, content);
      const committed = await readFile(path, 'utf8').catch(() => '');
      const fix = 'npm run dashboard:api';
      expect({ file: path, stale: committed !== content, fix }).toEqual({ file: path, stale: false, fix });
    }
  });

  it('uses hand-written types only for endpoints the api does not have yet', () => {
    const present = Object.keys(PLANNED_OPERATIONS).filter((operation) => {
      const [method, path] = operation.split(' ');
      return document.paths[path]?.[method.toLowerCase()] !== undefined;
    });
    // Once another issue lands one of them, delete it from planned-api.ts and use the generated types.
    expect(present).toEqual([]);
  });
});
