import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildSdkBundle } from './sdk-bundle.builder';

export interface SdkBundle {
  // One representation per content coding, each with its own strong ETag (RFC 9110 8.8.3).
  identity: Buffer;
  gzip: Buffer;
  etag: string;
  gzipEtag: string;
}

// Built once at start-up with esbuild from the TypeScript source rather than shipped prebuilt:
// one code path for tests (no build step) and production (the image runs `npm ci`, so esbuild
// is there), no stale artifact to forget, about 0.1 s once per process. A failed build is
// logged and the route answers 503: ingest must not go down because the snippet did not build.
@Injectable()
export class SdkBundleService implements OnModuleInit {
  private readonly logger = new Logger(SdkBundleService.name);
  private bundle: SdkBundle | undefined;

  async onModuleInit(): Promise<void> {
    try {
      const identity = await buildSdkBundle();
      const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
      this.bundle = { identity, gzip: gzipSync(identity, { level: 9 }), etag: `"${hash}"`, gzipEtag: `"${hash}-gz"` };
    } catch (error) {
      this.logger.error(`browser SDK build failed, GET /v1/sdk.js answers 503: ${(error as Error).message}`);
    }
  }

  current(): SdkBundle | undefined {
    return this.bundle;
  }
}
