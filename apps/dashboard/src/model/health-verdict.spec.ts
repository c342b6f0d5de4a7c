import { healthVerdict } from './health-verdict';

const check = (name: string, status: 'ok' | 'warn' | 'fail') => ({ name, status, message: '', threshold: 0, value: null });

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
