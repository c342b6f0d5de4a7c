import { fbClickOf, fbSubdomainIndex, formatFbCookie, isFbCookie } from './fb-cookie.codec';

describe("Meta's _fbc and _fbp values", () => {
  it('formats fb.<index>.<ms>.<payload>', () => {
    expect(formatFbCookie(1, 1764000000123, 'IwAR_x')).toBe('fb.1.1764000000123.IwAR_x');
    expect(formatFbCookie(2, 1764000000123, 123456789)).toBe('fb.2.1764000000123.123456789');
  });

  it('knows such values, and nothing else', () => {
    expect(isFbCookie('fb.1.1764000000123.IwAR_x')).toBe(true);
    expect(isFbCookie('fb.1.1764000000123.IwAR_x.AQQCAQMB')).toBe(true);
    expect(isFbCookie('fb.1.x.IwAR')).toBe(false);
    expect(isFbCookie('IwAR_x')).toBe(false);
    expect(isFbCookie(undefined)).toBe(false);
  });

  it('reads the fbclid of an _fbc', () => {
    expect(fbClickOf('fb.1.1764000000123.IwAR_x')).toBe('IwAR_x');
    expect(fbClickOf('fb.1.1764000000123.IwAR_x.AQQCAQMB')).toBe('IwAR_x');
    expect(fbClickOf(undefined)).toBeUndefined();
  });

  it('counts the labels of the cookie domain, 0 for IP addresses', () => {
    expect(fbSubdomainIndex('com')).toBe(0);
    expect(fbSubdomainIndex('shop.example')).toBe(1);
    expect(fbSubdomainIndex('www.shop.example')).toBe(2);
    expect(fbSubdomainIndex('shop.co.uk')).toBe(2);
    expect(fbSubdomainIndex('127.0.0.1')).toBe(0);
    expect(fbSubdomainIndex('::1')).toBe(0);
    expect(fbSubdomainIndex('localhost')).toBe(0);
  });
});
