import { randomBytes } from 'node:crypto';

// Slugs are public, URL-safe handles; a short random suffix resolves collisions without a
// read-then-write race between two workspaces created with the same name.
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug || 'workspace';
}

export function slugWithSuffix(name: string): string {
  return `${slugify(name)}-${randomBytes(3).toString('hex')}`;
}
