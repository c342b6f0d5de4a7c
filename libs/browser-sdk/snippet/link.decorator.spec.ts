import { decorateUrl } from './link.decorator';

describe('decorateUrl', () => {
  it('appends present parameters, encoded', () => {
    expect(decorateUrl('https://pay.example/checkout', [['ttclid', 'E.C.P.a b'], ['tl_aid', 'v1.k']])).toBe(
      'https://pay.example/checkout?ttclid=E.C.P.a%20b&tl_aid=v1.k',
    );
  });

  it('keeps the existing query and puts parameters before the fragment', () => {
    expect(decorateUrl('https://pay.example/c?cart=9#step-2', [['ttclid', 'E.C.P.x']])).toBe('https://pay.example/c?cart=9&ttclid=E.C.P.x#step-2');
    expect(decorateUrl('https://pay.example/c?', [['ttclid', 'E.C.P.x']])).toBe('https://pay.example/c?ttclid=E.C.P.x');
  });

  it('adds only what exists, and leaves the URL alone when nothing does', () => {
    expect(decorateUrl('https://pay.example/c', [['ttclid', undefined], ['tl_aid', 'v1.k']])).toBe('https://pay.example/c?tl_aid=v1.k');
    expect(decorateUrl('https://pay.example/c#x', [['ttclid', undefined], ['tl_aid', '']])).toBe('https://pay.example/c#x');
  });

  it('replaces an earlier value instead of repeating the parameter', () => {
    expect(decorateUrl('https://pay.example/c?ttclid=old&cart=9&tl_aid=o', [['ttclid', 'new'], ['tl_aid', 'n']])).toBe(
      'https://pay.example/c?cart=9&ttclid=new&tl_aid=n',
    );
    expect(decorateUrl('https://pay.example/c?ttclid=old', [['ttclid', 'new']])).toBe('https://pay.example/c?ttclid=new');
    expect(decorateUrl('https://pay.example/c?utm_ttclid=keep', [['ttclid', 'new']])).toBe('https://pay.example/c?utm_ttclid=keep&ttclid=new');
  });

  it('decorates relative links too', () => {
    expect(decorateUrl('/checkout', [['ttclid', 'E.C.P.x']])).toBe('/checkout?ttclid=E.C.P.x');
  });
});
