import { eventMappingProblem } from './is-event-mapping.validator';

describe('eventMappingProblem', () => {
  it('accepts source -> TikTok names', () => {
    expect(eventMappingProblem({ purchase: 'CompletePayment', 'Order Completed': 'Purchase' })).toBeUndefined();
  });

  it.each([
    [[], 'eventMapping must be an object'],
    [null, 'eventMapping must be an object'],
    [{ purchase: 42 }, 'eventMapping["purchase"] must be a TikTok event name'],
    [{ purchase: ' ' }, 'eventMapping["purchase"] must be a TikTok event name'],
    [{ ' ': 'Purchase' }, 'eventMapping keys must be'],
  ])('names the problem in %p', (value, message) => {
    expect(eventMappingProblem(value)).toContain(message);
  });
});
