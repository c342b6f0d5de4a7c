import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { INGEST_SCHEMAS } from './ingest-event.schema';
import { validateIngestEvent } from './ingest-event.validator';

// The OpenAPI schema states limits; the validator enforces them. Every field of the schema is
// checked against the validator: a wrong type is refused at that field's path, a string of
// maxLength characters and a list of maxItems entries pass, one more fails. A limit changed on one
// side only, or a field documented that the validator does not check, fails here.
type Path = Array<string | number>;
interface Leaf {
  path: Path;
  schema: SchemaObject;
}

const resolve = (schema: SchemaObject | ReferenceObject): SchemaObject =>
  '$ref' in schema ? INGEST_SCHEMAS[schema.$ref.replace('#/components/schemas/', '')] : schema;

function leaves(schema: SchemaObject | ReferenceObject, path: Path, out: Leaf[] = []): Leaf[] {
  const resolved = resolve(schema);
  out.push({ path, schema: resolved });
  for (const [key, child] of Object.entries(resolved.properties ?? {})) leaves(child, [...path, key], out);
  for (const branch of resolved.oneOf ?? []) leaves(branch, path, out);
  if (resolved.items) leaves(resolved.items, [...path, 0], out);
  return out;
}

const fieldOf = (path: Path) => path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

function eventWith(path: Path, value: unknown): Record<string, unknown> {
  const event: Record<string, unknown> = { event: 'purchase' };
  let at: Record<string | number, unknown> = event;
  path.forEach((part, i) => {
    if (i === path.length - 1) {
      at[part] = value;
      return;
    }
    const container = typeof path[i + 1] === 'number' ? [] : {};
    at[part] = at[part] ?? container;
    at = at[part] as Record<string | number, unknown>;
  });
  return event;
}

const problemsAt = (path: Path, value: unknown) => {
  const result = validateIngestEvent(eventWith(path, value));
  return result.ok ? [] : result.errors.filter((e) => e.field === fieldOf(path) || e.field.startsWith(`${fieldOf(path)}[`));
};

// A value every item schema of a list accepts.
function sampleItem(items: SchemaObject | ReferenceObject): unknown {
  const schema = resolve(items);
  if (schema.type === 'object') return {};
  if (schema.oneOf) return sampleItem(schema.oneOf[0]);
  return schema.type === 'string' ? 'x' : 1;
}

const fields = leaves(INGEST_SCHEMAS.IngestEvent, []).filter((leaf) => leaf.path.length > 0);
const typed = fields.filter((leaf) => typeof leaf.schema.type === 'string' && leaf.schema.type !== 'object');

describe('the ingest event schema against validateIngestEvent', () => {
  it('describes every part of the event', () => {
    expect(Object.keys(INGEST_SCHEMAS.IngestEvent.properties ?? {}).sort()).toEqual(
      ['anonymous_id', 'cookies', 'event', 'event_id', 'event_time', 'limited_data_use', 'page', 'properties', 'user'].sort(),
    );
    expect(fields.length).toBeGreaterThan(50);
  });

  it.each(
    [...new Map(fields.filter((leaf) => leaf.schema.properties === undefined).map((leaf) => [fieldOf(leaf.path), leaf.path])).values()].map(
      (path) => [fieldOf(path), path] as const,
    ),
  )('%s: a value of no documented type is refused at that path', (_field, path) => {
    expect(problemsAt(path, { not: 'a documented type' })).not.toEqual([]);
  });

  it.each(typed.filter((leaf) => leaf.schema.type === 'string' && leaf.schema.maxLength !== undefined && leaf.schema.pattern === undefined).map((leaf) => [fieldOf(leaf.path), leaf.schema.maxLength as number, leaf.path] as const))(
    '%s: %i characters pass, one more fails',
    (_field, maxLength, path) => {
      expect(problemsAt(path, 'a'.repeat(maxLength))).toEqual([]);
      expect(problemsAt(path, 'a'.repeat(maxLength + 1))).not.toEqual([]);
    },
  );

  it.each(typed.filter((leaf) => leaf.schema.type === 'array' && leaf.schema.maxItems !== undefined).map((leaf) => [fieldOf(leaf.path), leaf.schema.maxItems as number, leaf.path, leaf.schema.items as SchemaObject] as const))(
    '%s: %i entries pass, one more fails',
    (_field, maxItems, path, items) => {
      expect(problemsAt(path, Array.from({ length: maxItems }, () => sampleItem(items)))).toEqual([]);
      expect(problemsAt(path, Array.from({ length: maxItems + 1 }, () => sampleItem(items)))).not.toEqual([]);
    },
  );

  it('requires the event name, as the schema says', () => {
    expect(INGEST_SCHEMAS.IngestEvent.required).toEqual(['event']);
    const result = validateIngestEvent({});
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'event', message: 'is required' }]);
  });
});
