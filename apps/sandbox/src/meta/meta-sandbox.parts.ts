import { FbtraceIdGenerator } from './fbtrace-id.generator';
import { MetaGraphController } from './meta-graph.controller';
import { MetaGraphService } from './meta-graph.service';
import { MetaSandboxAdminController } from './meta-sandbox-admin.controller';
import { MetaSandboxStateService } from './meta-sandbox-state.service';

// The Meta Conversions API stand-in, composed into SandboxModule beside TikTok's parts: it shares
// the sandbox's settings and held-request registry, and keeps its own state.
export const META_SANDBOX_CONTROLLERS = [MetaSandboxAdminController, MetaGraphController];
export const META_SANDBOX_PROVIDERS = [MetaSandboxStateService, MetaGraphService, FbtraceIdGenerator];
