// Limits on one JSON value from a request (an ingest event, a dashboard body). Everything that
// later walks request data recursively (validators, canonical JSON, class-transformer, JSON
// serialization) runs only on values that passed this check, so no request reaches a stack
// overflow, and no string that Postgres or a platform cannot take gets past the edge.
export interface JsonLimits {
  // Nesting levels of objects and arrays; the value itself is level 1.
  maxDepth: number;
  maxKeysPerObject: number;
  maxItemsPerArray: number;
  maxStringLength: number;
  maxKeyLength: number;
  // About the length of the value's JSON text: strings and keys by their length, other values
  // by the length of their literal. It also bounds the walk itself.
  maxSize: number;
}

// Stable codes: they are ingest rejection reasons and metric labels.
export type JsonBoundsReason = 'invalid_text' | 'too_deep' | 'too_large';

export interface JsonBoundsViolation {
  // Where, as `properties.items[3].name` (keys that are not plain names in ["..."]).
  field: string;
  reason: JsonBoundsReason;
  message: string;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  // The key or index under which this value sits in its parent.
  step: string | number | undefined;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PATH_KEY_MAX = 64;

// Why a string cannot be stored or sent, or undefined. Postgres refuses NUL in text and jsonb;
// node-pg turns an unpaired UTF-16 surrogate into U+FFFD, so what is stored differs from what was
// sent (an event_id would no longer match its own claim), and jsonb refuses the \ud800 escape.
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (!text.isWellFormed()) return 'must not contain unpaired UTF-16 surrogates (\\uD800-\\uDFFF)';
  return undefined;
}

// One iterative pass (an explicit stack, never recursion) that stops at the first problem.
export function findJsonBoundsViolation(value: unknown, limits: JsonLimits, rootPath = ''): JsonBoundsViolation | undefined {
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, step: undefined }];
  let size = 0;
  const violation = (frame: Frame, reason: JsonBoundsReason, message: string, key?: string): JsonBoundsViolation => ({
    field: pathOf(frame, rootPath, key),
    reason,
    message,
  });

  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const current = frame.value;
    if (typeof current === 'string') {
      size += current.length + 2;
      if (current.length > limits.maxStringLength) {
        return violation(frame, 'too_large', `must be at most ${limits.maxStringLength} characters`);
      }
      const problem = textProblem(current);
      if (problem) return violation(frame, 'invalid_text', problem);
    } else if (typeof current === 'number' || typeof current === 'boolean') {
      size += String(current).length + 1;
    } else if (current === null) {
      size += 5;
    } else if (typeof current === 'object') {
      if (frame.depth > limits.maxDepth) {
        return violation(frame, 'too_deep', `nests deeper than ${limits.maxDepth} levels of objects and arrays`);
      }
      if (Array.isArray(current)) {
        size += 2 + current.length;
        if (current.length > limits.maxItemsPerArray) {
          return violation(frame, 'too_large', `must hold at most ${limits.maxItemsPerArray} items`);
        }
        for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], depth: frame.depth + 1, parent: frame, step: i });
      } else {
        const keys = Object.keys(current);
        size += 2;
        if (keys.length > limits.maxKeysPerObject) {
          return violation(frame, 'too_large', `must have at most ${limits.maxKeysPerObject} keys`);
        }
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i];
          size += key.length + 4;
          if (key.length > limits.maxKeyLength) {
            return violation(frame, 'too_large', `has a key longer than ${limits.maxKeyLength} characters`);
          }
          const problem = textProblem(key);
          if (problem) return violation(frame, 'invalid_text', `key ${problem}`, key);
          stack.push({ value: (current as Record<string, unknown>)[key], depth: frame.depth + 1, parent: frame, step: key });
        }
      }
    }
    // Functions and undefined cannot come from JSON; there is nothing to store for them.
    if (size > limits.maxSize) {
      return { field: rootPath || '$', reason: 'too_large', message: `is larger than ${limits.maxSize} characters of JSON` };
    }
  }
  return undefined;
}

// Built only when a problem is reported. Keys are escaped with JSON.stringify, so a path never
// carries the NUL or surrogate it reports, and long keys are cut.
function pathOf(frame: Frame, rootPath: string, lastKey?: string): string {
  const steps: Array<string | number> = lastKey === undefined ? [] : [lastKey];
  for (let at: Frame | undefined = frame; at?.step !== undefined; at = at.parent) steps.unshift(at.step);
  let path = rootPath;
  for (const step of steps) {
    if (typeof step === 'number') path += `[${step}]`;
    else if (PLAIN_KEY.test(step)) path += path === '' ? step : `.${step}`;
    else path += `[${JSON.stringify(step.length > PATH_KEY_MAX ? `${step.slice(0, PATH_KEY_MAX)}…` : step)}]`;
  }
  return path || '$';
}
