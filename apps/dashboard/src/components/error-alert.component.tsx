import type { ApiError } from '../api/api-error';

// An API error in words: the api's message, each failing field, and the platform's own answer
// (code and message) when a platform refused.
export function ErrorAlert({ error, platformName = 'The platform' }: { error: ApiError | undefined; platformName?: string }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{error.message}</p>
      {error.fields.length > 0 && (
        <ul>
          {error.fields.map((field) => (
            <li key={`${field.field}:${field.message}`}>
              <strong>{field.field}</strong>: {field.message}
            </li>
          ))}
        </ul>
      )}
      {error.platformAnswer && (
        <p>
          {platformName}&rsquo;s answer: <strong>{error.platformAnswer.message}</strong>
          {error.platformAnswer.code !== null && <> (code {error.platformAnswer.code})</>}
        </p>
      )}
    </div>
  );
}
