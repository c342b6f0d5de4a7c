import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The docs ship with the project: a clone must be able to follow every link, so links point at
// files of the repository (and at headings that exist), never outside it.
const ROOT = resolve(__dirname, '../..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const LINK = /\[[^\]]*\]\(([^)\s]+)\)/g;
const OUTSIDE = /(?:\.\.\/|\/work\/)shared\b|shared\/(?:API|DESIGN|STYLE|TIKTOK|META)\.md/;

// GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) anchors.add(heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return anchors;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('documentation links', () => {
  it.each(DOCS)('%s links only to files and headings inside the repository', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(LINK)) {
      if (/^(https?:|mailto:)/.test(target)) continue;
      const [file, anchor] = target.split('#');
      const path = file === '' ? join(ROOT, doc) : resolve(dirname(join(ROOT, doc)), file);
      if (relative(ROOT, path).startsWith('..') || !existsSync(path)) {
        broken.push(`${target}: not a file of the repository`);
      } else if (anchor && path.endsWith('.md') && !anchorsOf(readFileSync(path, 'utf8')).has(anchor)) {
        broken.push(`${target}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('never points at the planning files outside the repository', () => {
    const sources = ['README.md', 'docs', 'apps', 'libs', 'scripts', 'bench'].flatMap((entry) => {
      const path = join(ROOT, entry);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
    const mentions = sources.filter((path) => OUTSIDE.test(readFileSync(path, 'utf8'))).map((path) => relative(ROOT, path));
    expect(mentions).toEqual([]);
  });
});
