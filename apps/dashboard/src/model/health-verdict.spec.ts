import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_TITLES, healthVerdict } from './health-verdict';

const check = (name: string, status: 'ok' | 'warn' | 'fail') => ({ name, status, message: '', threshold: 0, value: null, platform: null, connectorId: null });

describe('healthVerdict', () => {
  it('names what fails first, then what to look at', () => {
    expect(healthVerdict([check('rejection_rate', 'fail'), check('ttp_coverage', 'warn'), check('connectors_valid', 'ok')])).toEqual({
      status: 'fail',
      words: 'Needs action: Rejection rate; also check ttp coverage.',
    });
    expect(healthVerdict([check('event_name_mapping', 'warn')]).words).toBe('Worth a look: Event-name mapping. Everything else is within limits.');
    expect(healthVerdict([check('rejection_rate', 'ok')]).status).toBe('ok');
    expect(healthVerdict([check('new_check', 'fail')]).words).toBe('Needs action: new check.');
  });
});

describe('CHECK_TITLES', () => {
  it('names every check the api documents (HealthCheckView.name in the generated types)', () => {
    const generated = readFileSync(join(__dirname, '../api/generated/openapi.ts'), 'utf8');
    const documented = /\* @description (rejection_rate, [a-z_, ]+)\n/.exec(generated)?.[1].split(', ');
    expect(documented).toContain('events_deliverable');
    expect(documented?.filter((name) => !(name in CHECK_TITLES))).toEqual([]);
  });
});
