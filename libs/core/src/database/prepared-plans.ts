// Executions of named prepared statements per connection after which its cached plans are
// dropped: 100, 1,000, 10,000... A generic plan made while a table was nearly empty (a fresh
// install) may scan where it should probe, and is kept until autovacuum's next ANALYZE.
const REPLAN_FIRST_AT = 100;

export function isReplanPoint(executions: number): boolean {
  if (executions < REPLAN_FIRST_AT) return false;
  let point = REPLAN_FIRST_AT;
  while (point < executions) point *= 10;
  return point === executions;
}
