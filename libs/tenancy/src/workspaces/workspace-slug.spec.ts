import { slugify, slugWithSuffix } from './workspace-slug';

describe('slugify', () => {
  it.each([
    ['Acme Shop', 'acme-shop'],
    ['  Crème Brûlée & Co. ', 'creme-brulee-co'],
    ['***', 'workspace'],
    ['日本', 'workspace'],
  ])('%s -> %s', (name, slug) => expect(slugify(name)).toBe(slug));

  it('caps the length without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(47)} b`);
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('adds a random suffix for collisions', () => {
    expect(slugWithSuffix('Acme')).toMatch(/^acme-[0-9a-f]{6}$/);
    expect(slugWithSuffix('Acme')).not.toBe(slugWithSuffix('Acme'));
  });
});
