import { mappingDraftProblems, mappingFromDraft, mappingRows } from './event-mapping';

const KNOWN = ['CompletePayment', 'AddToCart', 'Pageview'];

describe('event mapping', () => {
  it('lists the connector entries, then the defaults, flagging overrides and non-standard names', () => {
    const rows = mappingRows({ purchase: 'CompletePayment', add_to_cart: 'AddToCart' }, { Purchase: 'CompletePayment', quiz_done: 'QuizDone' }, KNOWN);
    expect(rows).toEqual([
      { source: 'Purchase', target: 'CompletePayment', origin: 'connector', overridden: false, standard: true },
      { source: 'quiz_done', target: 'QuizDone', origin: 'connector', overridden: false, standard: false },
      { source: 'purchase', target: 'CompletePayment', origin: 'default', overridden: true, standard: true },
      { source: 'add_to_cart', target: 'AddToCart', origin: 'default', overridden: false, standard: true },
    ]);
  });

  it('says what is wrong with a draft before it is saved', () => {
    expect(
      mappingDraftProblems([
        { source: 'a', target: 'AddToCart' },
        { source: ' ', target: 'X' },
        { source: 'a ', target: '' },
      ]),
    ).toEqual(['Row 2: the source event name is empty', 'Row 3: the TikTok event name is empty', 'Row 3: "a" is mapped twice']);
    expect(mappingDraftProblems([{ source: 'a', target: 'B' }])).toEqual([]);
    expect(mappingFromDraft([{ source: ' a ', target: ' B ' }])).toEqual({ a: 'B' });
  });
});
