import { validateGa4Event, validateGa4Request } from './ga4-request.validator';

describe('validateGa4Event', () => {
  it('takes a recommended event with items', () => {
    expect(validateGa4Event({ name: 'purchase', params: { value: 1, items: [{ item_id: 'a' }, { item_name: 'b' }] } }, 0)).toEqual([]);
  });

  it.each([
    [{ name: '_badEventName' }, 'events[0].name', 'NAME_RESERVED'],
    [{ name: '1st_event' }, 'events[0].name', 'NAME_INVALID'],
    [{ name: 'has space' }, 'events[0].name', 'NAME_INVALID'],
    [{ name: 'x'.repeat(41) }, 'events[0].name', 'NAME_INVALID'],
    [{ name: 'session_start' }, 'events[0].name', 'NAME_RESERVED'],
    [{ name: 'firebase_x' }, 'events[0].name', 'NAME_RESERVED'],
    [{}, 'events[0].name', 'VALUE_REQUIRED'],
    [{ name: 'purchase', params: { 'bad-param': 1 } }, 'events[0].params.bad-param', 'NAME_INVALID'],
    [{ name: 'purchase', params: { items: [{ price: 1 }] } }, 'events[0].params.items[0]', 'VALUE_REQUIRED'],
    [{ name: 'purchase', params: { items: {} } }, 'events[0].params.items', 'VALUE_INVALID'],
  ])('reports %j at %s as %s', (event, fieldPath, validationCode) => {
    expect(validateGa4Event(event, 0)).toEqual([expect.objectContaining({ fieldPath, validationCode })]);
  });

  it('reports text that cannot be stored and too deep a value, like the native bounds', () => {
    expect(validateGa4Event({ name: 'purchase', params: { coupon: 'a\u0000b' } }, 1)).toEqual([
      expect.objectContaining({ fieldPath: 'events[1].params.coupon', validationCode: 'VALUE_INVALID' }),
    ]);
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(validateGa4Event({ name: 'purchase', params: { deep } }, 0)).toHaveLength(1);
    expect(validateGa4Request({ client_id: 'c\u0000', events: [{ name: 'x' }] }).messages).toEqual([
      expect.objectContaining({ fieldPath: 'client_id', validationCode: 'VALUE_INVALID' }),
    ]);
  });

  it("describes a bad name as Google's debug endpoint does", () => {
    expect(validateGa4Event({ name: '9lives' }, 2)[0].description).toBe(
      'Event at index: [2] has invalid name [9lives]. Names must start with an alphabetic character.',
    );
  });
});

describe('validateGa4Request', () => {
  it('needs a client id and 1 to 25 events', () => {
    expect(validateGa4Request({ client_id: 'c', events: [{ name: 'x' }] }).messages).toEqual([]);
    expect(validateGa4Request({ app_instance_id: 'a', events: [{ name: 'x' }] }).messages).toEqual([]);
    expect(validateGa4Request({ events: [{ name: 'x' }] }).messages).toEqual([expect.objectContaining({ fieldPath: 'client_id', validationCode: 'VALUE_REQUIRED' })]);
    expect(validateGa4Request({ client_id: 'c', events: [] }).messages).toEqual([expect.objectContaining({ fieldPath: 'events' })]);
    expect(validateGa4Request({ client_id: 'c', events: new Array(26).fill({ name: 'x' }) }).messages).toEqual([
      expect.objectContaining({ validationCode: 'EXCEEDED_MAX_ENTITIES' }),
    ]);
    expect(validateGa4Request('x').messages).toHaveLength(1);
  });
});
