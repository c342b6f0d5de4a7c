import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  topSelf: Array<{ name: string; ms: number; share: number }>;
  selfByArea: Array<{ area: string; ms: number; share: number }>;
  // Share of busy samples with the area anywhere on the stack (areas nest, so these overlap).
  onStackByArea: Array<{ area: string; ms: number; share: number }>;
}

// Reads a V8 .cpuprofile (node --cpu-prof) and answers "where does the time go": hottest
// functions by self time, and self/inclusive time per package or per TrackLayer lib.
export function summarizeCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const selfArea = new Map<string, number>();
  const stackArea = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') {
      idle += ms;
      return;
    }
    busy += ms;
    add(self, functionKey(node), ms);
    add(selfArea, areaOf(node), ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame) seen.add(areaOf(frame));
    }
    for (const area of seen) add(stackArea, area, ms);
  });
  const rank = <K extends string>(map: Map<string, number>, key: K, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ [key]: name, ms: Math.round(ms), share: busy > 0 ? ms / busy : 0 }) as Record<K, string> & { ms: number; share: number });
  return {
    busyMs: Math.round(busy),
    idleMs: Math.round(idle),
    topSelf: rank(self, 'name', top),
    selfByArea: rank(selfArea, 'area', 20),
    onStackByArea: rank(stackArea, 'area', 20).filter((row) => row.area !== '(root)'),
  };
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  return `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) return url.slice(modules + 'node_modules/'.length);
  const built = /\/(apps|libs|bench|migrations)\/.*$/.exec(url);
  return built ? built[0].slice(1) : url.replace(/^file:\/\//, '');
}

// Packages (node_modules/<name> or <@scope/name>), TrackLayer libs/apps, node internals, or V8's
// own buckets such as (garbage collector) and (program).
function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const lib = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (lib) return `${lib[1]}/${lib[2]}`;
  if (url.startsWith('node:')) return 'node (internals)';
  return shortUrl(url);
}

export function renderProfileSummary(summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `busy ${summary.busyMs} ms, idle ${summary.idleMs} ms (${pct(summary.busyMs / Math.max(1, summary.busyMs + summary.idleMs))} busy)`,
    '',
    'self time by area:',
    ...summary.selfByArea.map((row) => `  ${pct(row.share).padStart(6)}  ${row.area}`),
    '',
    'on the stack (inclusive) by area:',
    ...summary.onStackByArea.map((row) => `  ${pct(row.share).padStart(6)}  ${row.area}`),
    '',
    'hottest functions (self time):',
    ...summary.topSelf.map((row) => `  ${pct(row.share).padStart(6)}  ${row.name}`),
  ];
  return lines.join('\n');
}
