import { randomBytes } from 'node:crypto';
import { Database } from '@app/core';
import { ConnectorsRepository, CredentialVault, reEncryptAllCredentials } from '@app/platforms';
import { bearer, createTestApp, signUp, TestApp, TestSandbox } from '@app/testing';

describe('rotating CREDENTIALS_KEY', () => {
  const keyA = randomBytes(32).toString('base64');
  const keyB = randomBytes(32).toString('base64');
  let sandbox: TestSandbox;
  let before: TestApp;

  beforeAll(async () => {
    sandbox = await TestSandbox.start();
    before = await createTestApp({ TIKTOK_API_BASE_URL: sandbox.url, CREDENTIALS_KEY: keyA });
  });
  afterAll(async () => {
    await before.close();
    await sandbox.close();
  });

  it('re-encrypts every connector under the new key and keeps them usable', async () => {
    const owner = await signUp(before.http, 'rotation');
    const path = `/v1/workspaces/${owner.workspaceId}/connectors`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const pixel = await sandbox.registerPixel();
      const { body } = await before.http
        .post(path)
        .set(bearer(owner.token))
        .send({ platform: 'tiktok', name: `Pixel ${i}`, pixelCode: pixel.pixelCode, accessToken: pixel.accessToken })
        .expect(201);
      ids.push(body.id);
    }
    const keyIdA = before.config.credentialsKeyId;

    const during = await createTestApp({
      DATABASE_URL: before.databaseUrl,
      TIKTOK_API_BASE_URL: sandbox.url,
      CREDENTIALS_KEY: keyB,
      CREDENTIALS_KEY_PREVIOUS: keyA,
    });
    try {
      // While both keys are configured, old rows still decrypt.
      await during.http.post(`${path}/${ids[0]}/validate`).set(bearer(owner.token)).expect(200);
      const result = await reEncryptAllCredentials(during.app.get(Database), during.app.get(ConnectorsRepository), during.app.get(CredentialVault));
      expect(result.reEncrypted).toBe(3);
      expect((await reEncryptAllCredentials(during.app.get(Database), during.app.get(ConnectorsRepository), during.app.get(CredentialVault))).reEncrypted).toBe(0);
    } finally {
      await during.close();
    }

    const after = await createTestApp({ DATABASE_URL: before.databaseUrl, TIKTOK_API_BASE_URL: sandbox.url, CREDENTIALS_KEY: keyB });
    try {
      const rows = await after.db.query('SELECT access_token_key_id, access_token_sealed FROM connectors');
      for (const row of rows) {
        expect(row.access_token_key_id).toBe(after.config.credentialsKeyId);
        expect(row.access_token_key_id).not.toBe(keyIdA);
        expect(row.access_token_sealed.split('.')[1]).toBe(after.config.credentialsKeyId);
      }
      // Without the old key at all, every connector still opens and passes TikTok's check.
      for (const id of ids) await after.http.post(`${path}/${id}/validate`).set(bearer(owner.token)).expect(200);
    } finally {
      await after.close();
    }
  });
});
