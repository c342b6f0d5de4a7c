// The event-name mapping editor: the connector's own entries first, then the platform's defaults
// they may override. A target name the platform does not know is sent as a custom event, which
// TikTok does not optimize for: flagged, not refused (custom events are legitimate).

export interface MappingRow {
  source: string;
  target: string;
  origin: 'connector' | 'default';
  overridden: boolean;
  standard: boolean;
}

export function mappingRows(defaults: Record<string, string>, custom: Record<string, string>, known: readonly string[]): MappingRow[] {
  const knownNames = new Set(known);
  const customKeys = new Set(Object.keys(custom).map((source) => source.toLowerCase()));
  return [
    ...Object.entries(custom).map(([source, target]) => ({ source, target, origin: 'connector' as const, overridden: false, standard: knownNames.has(target) })),
    ...Object.entries(defaults).map(([source, target]) => ({
      source,
      target,
      origin: 'default' as const,
      overridden: customKeys.has(source.toLowerCase()),
      standard: knownNames.has(target),
    })),
  ];
}

export interface MappingDraftEntry {
  source: string;
  target: string;
}

// What the api would refuse, said before saving: empty names and the same source twice.
export function mappingDraftProblems(entries: MappingDraftEntry[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  entries.forEach(({ source, target }, index) => {
    const row = `Row ${index + 1}`;
    if (!source.trim()) problems.push(`${row}: the source event name is empty`);
    if (!target.trim()) problems.push(`${row}: the TikTok event name is empty`);
    if (source.trim() && seen.has(source.trim())) problems.push(`${row}: "${source.trim()}" is mapped twice`);
    seen.add(source.trim());
  });
  return problems;
}

export function mappingFromDraft(entries: MappingDraftEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map(({ source, target }) => [source.trim(), target.trim()]));
}
