// A Postgres array literal ('{"a","b",NULL}') of strings, numbers, booleans and nulls: the exact
// text node-postgres writes for such an array, built without its two regular-expression replaces
// per element, which a group commit of 300 events ran for some 3,000 elements (3% of the api's
// CPU on batch ingest). Undefined for anything else (dates, buffers, objects, nested arrays): those
// go to node-postgres as they are.
export function postgresArrayLiteral(items: readonly unknown[]): string | undefined {
  let literal = '{';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) literal += ',';
    const item = items[i];
    if (item === null || item === undefined) literal += 'NULL';
    else if (typeof item === 'string') literal += quoted(item);
    else if (typeof item === 'number' || typeof item === 'boolean') literal += `"${String(item)}"`;
    else return undefined;
  }
  return `${literal}}`;
}

function quoted(text: string): string {
  if (!text.includes('\\') && !text.includes('"')) return `"${text}"`;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
