import { readdirSync, readFileSync } from 'node:fs';

// The pids whose parent is `pid` (field 4 of /proc/<pid>/stat): the processes a node:cluster
// primary forked, which the bench did not start itself.
export function childPidsOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: read after its closing one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) children.push(Number(entry));
    } catch {
      // Gone between readdir and read.
    }
  }
  return children;
}
