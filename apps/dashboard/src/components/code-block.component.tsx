import type { ReactNode } from 'react';
import { CopyButton } from './copy-button.component';

export function CodeBlock({ title, code, copyLabel, children }: { title: string; code: string; copyLabel: string; children?: ReactNode }) {
  return (
    <figure className="code-block">
      <figcaption>{title}</figcaption>
      {children}
      <pre tabIndex={0} aria-label={title}>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} label={copyLabel} />
    </figure>
  );
}
