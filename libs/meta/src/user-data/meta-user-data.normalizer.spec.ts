import fc from 'fast-check';
import { sha256Hex } from './meta-field.normalizer';
import type { MetaNormalizationSettings } from './meta-user-data';
import { MetaUserDataNormalizer } from './meta-user-data.normalizer';

const HEX64 = /^[0-9a-f]{64}$/;
const EMPTY_HASH = sha256Hex('');
const US: MetaNormalizationSettings = { defaultCountry: 'US', externalId: 'hashed' };
const HASHED_KEYS = ['em', 'ph', 'external_id', 'fn', 'ln', 'ct', 'st', 'zp', 'country'] as const;

describe('MetaUserDataNormalizer', () => {
  const normalizer = new MetaUserDataNormalizer();

  it('turns the plain identifiers of an event into Meta user_data', () => {
    const { userData, warnings } = normalizer.normalize(
      {
        email: [' Ada@Example.com ', 'ada@example.com', 'ADA2@example.com'],
        phone: '(650) 555-1212',
        external_id: 'Customer-7',
        first_name: 'Ada',
        last_name: 'Lovelace-Byron',
        city: 'Menlo Park',
        state: 'California',
        country: 'US',
        zip_code: '94025-1234',
        ip: '203.0.113.7',
        user_agent: ' Mozilla/5.0 ',
        fbc: 'fb.1.1700000000000.IwAR0abc',
        fbp: 'fb.1.1700000000000.123456789',
      },
      US,
    );
    expect(warnings).toEqual([]);
    expect(userData).toStrictEqual({
      em: [sha256Hex('ada@example.com'), sha256Hex('ada2@example.com')],
      ph: [sha256Hex('16505551212')],
      external_id: [sha256Hex('customer-7')],
      fn: sha256Hex('ada'),
      ln: sha256Hex('lovelacebyron'),
      ct: sha256Hex('menlopark'),
      st: sha256Hex('ca'),
      zp: sha256Hex('94025'),
      country: sha256Hex('us'),
      client_ip_address: '203.0.113.7',
      client_user_agent: 'Mozilla/5.0',
      fbc: 'fb.1.1700000000000.IwAR0abc',
      fbp: 'fb.1.1700000000000.123456789',
    });
  });

  it('applies the address rules of the event country over the default country', () => {
    const { userData } = normalizer.normalize({ state: 'Bayern', zip_code: '80331', country: 'Germany' }, US);
    expect(userData).toEqual({ st: sha256Hex('bayern'), zp: sha256Hex('80331'), country: sha256Hex('de') });
    expect(normalizer.normalize({ state: 'Texas', zip_code: 750011234 }, US).userData).toEqual({
      st: sha256Hex('tx'),
      zp: sha256Hex('75001'),
    });
  });

  it('keeps external_id raw when the connector says so', () => {
    expect(normalizer.normalize({ external_id: [' Customer-7 ', 8] }, { externalId: 'raw' }).userData).toEqual({
      external_id: ['Customer-7', '8'],
    });
  });

  it('drops unusable values with a warning naming the field, and keeps the rest', () => {
    const { userData, warnings } = normalizer.normalize(
      { email: ['ok@example.com', 'nope'], phone: '555-1212', country: 'Atlantis', ip: '999.1.1.1', city: 'Oslo' },
      { externalId: 'hashed' },
    );
    expect(userData).toEqual({ em: [sha256Hex('ok@example.com')], ct: sha256Hex('oslo') });
    expect(warnings.map((warning) => warning.field)).toEqual(['user.email[1]', 'user.phone', 'user.country', 'user.ip']);
  });

  it('answers an empty user_data for no input, nulls and blanks', () => {
    expect(normalizer.normalize(undefined, US)).toEqual({ userData: {}, warnings: [] });
    expect(
      normalizer.normalize(
        { email: null, phone: [], first_name: '  ', city: null, zip_code: '', ip: ' ', user_agent: '', fbc: ' ', fbp: null },
        US,
      ),
    ).toEqual({ userData: {}, warnings: [] });
  });

  it('property: every hashed key is 64 lowercase hex, never the hash of "", and hashing its own output changes nothing', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', ' ', '-', '+1 650 555 1212', 'a@b.c'));
    const input = fc.record(
      {
        email: fc.oneof(text, fc.array(text, { maxLength: 3 })),
        phone: fc.oneof(text, fc.integer({ min: 0 })),
        external_id: fc.oneof(text, fc.integer()),
        first_name: text,
        last_name: text,
        city: text,
        state: text,
        country: fc.oneof(text, fc.constantFrom('US', 'Germany', 'gb')),
        zip_code: fc.oneof(text, fc.integer({ min: 0 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(input, fc.constantFrom(undefined, 'US', 'DE'), (user, defaultCountry) => {
        const settings: MetaNormalizationSettings = { defaultCountry, externalId: 'hashed' };
        const { userData } = normalizer.normalize(user, settings);
        for (const key of HASHED_KEYS) {
          const value = userData[key];
          if (value === undefined) continue;
          for (const hash of Array.isArray(value) ? value : [value]) {
            expect(hash).toMatch(HEX64);
            expect(hash).not.toBe(EMPTY_HASH);
          }
        }
        const again = normalizer.normalize(
          {
            email: userData.em,
            phone: userData.ph,
            external_id: userData.external_id,
            first_name: userData.fn,
            last_name: userData.ln,
            city: userData.ct,
            state: userData.st,
            zip_code: userData.zp,
            country: userData.country,
          },
          settings,
        );
        expect(again.userData).toEqual(userData);
      }),
      { numRuns: 300 },
    );
  });
});
