import { readQueryParam } from './url-query.reader';

describe('readQueryParam', () => {
  it('finds the parameter among others, before a fragment and inside a hash-routed query', () => {
    expect(readQueryParam('https://shop.example/p?a=1&fbclid=IwAR0x&b=2', 'fbclid')).toBe('IwAR0x');
    expect(readQueryParam('https://shop.example/p?fbclid=IwAR0x#top', 'fbclid')).toBe('IwAR0x');
    expect(readQueryParam('https://shop.example/#/landing?fbclid=IwAR0x', 'fbclid')).toBe('IwAR0x');
  });

  it('decodes once and keeps case, "+" and everything else', () => {
    expect(readQueryParam('https://shop.example/?fbclid=IwAR_aB-c%2Bd%252F', 'fbclid')).toBe('IwAR_aB-c+d%2F');
    expect(readQueryParam('https://shop.example/?fbclid=a+b', 'fbclid')).toBe('a+b');
    expect(readQueryParam('https://shop.example/?fbclid=%E0%A4%A', 'fbclid')).toBe('%E0%A4%A');
  });

  it('ignores keys that only end with the name, and empty values', () => {
    expect(readQueryParam('https://shop.example/?x_fbclid=no', 'fbclid')).toBeUndefined();
    expect(readQueryParam('https://shop.example/?fbclid=&fbclid=yes', 'fbclid')).toBe('yes');
    expect(readQueryParam('https://shop.example/fbclid=path', 'fbclid')).toBeUndefined();
  });
});
