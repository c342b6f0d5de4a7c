import type { Rollup } from 'vite';
import { initialChunks } from './initial-js-size.plugin';

const chunk = (fileName: string, isEntry: boolean, imports: string[] = []) =>
  ({ type: 'chunk', fileName, isEntry, imports, code: '' }) as unknown as Rollup.OutputChunk;

describe('initialChunks', () => {
  it('takes the entry and its static imports, transitively, and leaves lazy chunks out', () => {
    const bundle = {
      'index.js': chunk('index.js', true, ['react.js']),
      'react.js': chunk('react.js', false, ['shared.js']),
      'shared.js': chunk('shared.js', false, ['react.js']),
      'health-page.js': chunk('health-page.js', false, ['uplot.js', 'shared.js']),
      'uplot.js': chunk('uplot.js', false),
      'index.css': { type: 'asset', fileName: 'index.css' },
    } as unknown as Rollup.OutputBundle;
    expect(initialChunks(bundle).map((c) => c.fileName)).toEqual(['index.js', 'react.js', 'shared.js']);
  });
});
