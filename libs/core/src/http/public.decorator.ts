import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tracklayer:isPublic';

// Routes are behind the dashboard JWT by default; this opts one out (health, docs, auth, ingest,
// which has its own key guard).
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
