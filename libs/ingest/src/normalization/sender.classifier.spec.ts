import { classifySender, requestComesFromBrowser } from './sender.classifier';

describe('requestComesFromBrowser', () => {
  it('sees a browser in Origin or Sec-Fetch-Mode, a server in neither', () => {
    expect(requestComesFromBrowser({ headers: { origin: 'https://shop.example' } })).toBe(true);
    expect(requestComesFromBrowser({ headers: { 'sec-fetch-mode': 'no-cors' } })).toBe(true);
    expect(requestComesFromBrowser({ headers: { 'user-agent': 'node' } })).toBe(false);
  });
});

describe('classifySender', () => {
  it('trusts the browser libraries by name, whatever the request looks like', () => {
    expect(classifySender('analytics.js', false, false)).toBe('browser');
    expect(classifySender('RudderLabs JavaScript SDK', false, false)).toBe('browser');
  });

  it('never takes a server library for a browser', () => {
    expect(classifySender('@segment/analytics-node', false, true)).toBe('server');
    expect(classifySender('analytics-node', false, false)).toBe('server');
    expect(classifySender('analytics-python', false, false)).toBe('server');
  });

  it('takes context.direct as a call from the device', () => {
    expect(classifySender('analytics-node', true, false)).toBe('browser');
  });

  it('judges a message that names no library by its request', () => {
    expect(classifySender(undefined, false, true)).toBe('browser');
    expect(classifySender(undefined, false, false)).toBe('server');
  });
});
