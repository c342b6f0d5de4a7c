import { registerDecorator, ValidationArguments } from 'class-validator';

const MAX_ENTRIES = 500;
const MAX_NAME_LENGTH = 100;

export function eventMappingProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'eventMapping must be an object of source event name -> TikTok event name';
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_ENTRIES) return `eventMapping may have at most ${MAX_ENTRIES} entries`;
  for (const [source, target] of entries) {
    if (!source.trim() || source.length > MAX_NAME_LENGTH) {
      return `eventMapping keys must be 1-${MAX_NAME_LENGTH} characters`;
    }
    if (typeof target !== 'string' || !target.trim() || target.length > MAX_NAME_LENGTH) {
      return `eventMapping["${source}"] must be a TikTok event name of 1-${MAX_NAME_LENGTH} characters`;
    }
  }
  return undefined;
}

export function IsEventMapping(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEventMapping',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => eventMappingProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) => eventMappingProblem(args.value) ?? 'eventMapping is invalid',
      },
    });
}
