import { PasswordPolicy } from './password.policy';

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();

  it.each(['password123', 'qwertyuiop', 'iloveyou12', '1234567890', 'aaaaaaaaaaaa', 'Password2024!'])('refuses the common or patterned %p', (password) => {
    expect(policy.problem(password, [])).toMatch(/^password is too common or too easy to guess: /);
  });

  it('refuses a password made of the account details', () => {
    expect(policy.problem('acmeshop2024', ['ada@acmeshop.example', 'acmeshop'])).toBeDefined();
  });

  it.each(['correct horse battery', 'pw-3f9a1c07d2e4b86a', 'tracklayer-demo', 'Violet-Harbor-Tunnel-42'])('accepts %p', (password) => {
    expect(policy.problem(password, ['ada@example.com'])).toBeUndefined();
  });

  it('judges a very long crafted password quickly', () => {
    const started = Date.now();
    policy.problem('P4$$w0rd'.repeat(25), []);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
