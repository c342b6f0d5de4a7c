import { readFileSync } from 'node:fs';

// VmHWM is the kernel's own high-water mark of a process's resident set: an exact peak, where
// periodic `ps` samples could miss a short spike. Returns bytes, or undefined once the process is gone.
export function peakRssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
