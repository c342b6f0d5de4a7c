import { TransformFnParams } from 'class-transformer';

// Leaves non-strings alone so the validators after it report the wrong type by field name.
export const trimmed = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);
export const trimmedLowercase = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
