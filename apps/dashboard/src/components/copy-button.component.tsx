import { useState } from 'react';

// Copies `text` to the clipboard and says so; where the Clipboard API is refused (an insecure
// origin, a denied permission) it says how to copy by hand instead of failing silently.
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied to the clipboard');
    } catch {
      setStatus('This browser refused to copy: select the text and press Ctrl+C (⌘C on a Mac)');
    }
  };
  return (
    <span className="copy">
      <button type="button" className="secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-status" role="status">
        {status}
      </span>
    </span>
  );
}
