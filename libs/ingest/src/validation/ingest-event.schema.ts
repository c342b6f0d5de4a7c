import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { MAX_BATCH_SIZE } from '../intake/ingest-body.parser';
import { REJECTION_REASONS } from './rejection-reason';
import {
  LONG_TEXT_MAX,
  MAX_ANONYMOUS_ID_LENGTH,
  MAX_CONTENTS,
  MAX_EVENT_ID_LENGTH,
  MAX_EVENT_NAME_LENGTH,
  MAX_IDENTIFIERS_PER_FIELD,
  NAME_MAX,
  PRODUCT_ID_MAX,
  SHORT_TEXT_MAX,
  TEXT_MAX,
  URL_MAX,
  USER_AGENT_MAX,
} from './ingest-event.validator';
import { MAX_FUTURE_SKEW_SECONDS } from '../normalization/event-time.normalizer';

// The OpenAPI description of POST /v1/ingest: the event as validateIngestEvent checks it, with
// the validator's own limits (ingest-event.schema.spec.ts holds each limit against the validator).
// Optional fields may be null, which counts as absent. Registered as components by registerIngestSchemas.

const text = (maxLength: number, description?: string): SchemaObject => ({ type: 'string', maxLength, nullable: true, description });
// TikTok wants ids as strings; a number is turned into its text while it still holds every digit.
const id = (maxLength: number, description?: string): SchemaObject => ({
  oneOf: [{ type: 'string', maxLength }, { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }],
  nullable: true,
  description,
});
const numeric = (description: string): SchemaObject => ({
  oneOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*$' }],
  nullable: true,
  description,
});
const identifiers = (value: SchemaObject, description: string): SchemaObject => ({
  oneOf: [value, { type: 'array', maxItems: MAX_IDENTIFIERS_PER_FIELD, items: value }],
  nullable: true,
  description: `${description}; one value or up to ${MAX_IDENTIFIERS_PER_FIELD}. Plain (TrackLayer normalizes and SHA-256 hashes it) or already hashed (64 hex characters, passed through)`,
});
const stringOrNumber = (maxLength: number, description: string): SchemaObject => ({
  oneOf: [{ type: 'string', maxLength }, { type: 'number' }],
  nullable: true,
  description,
});
const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const products = (description: string): SchemaObject => ({ type: 'array', maxItems: MAX_CONTENTS, items: ref('IngestContent'), nullable: true, description });

const IngestContent: SchemaObject = {
  type: 'object',
  description: "One product. GA4's and Segment's keys are read as aliases of TikTok's (TikTok's key wins).",
  additionalProperties: true,
  properties: {
    content_id: id(PRODUCT_ID_MAX, 'aliases: item_id, product_id, sku'),
    item_id: id(PRODUCT_ID_MAX),
    product_id: id(PRODUCT_ID_MAX),
    sku: id(PRODUCT_ID_MAX),
    content_name: text(TEXT_MAX, 'aliases: item_name, name'),
    item_name: text(TEXT_MAX),
    name: text(TEXT_MAX),
    content_category: text(TEXT_MAX, 'aliases: item_category, category'),
    item_category: text(TEXT_MAX),
    category: text(TEXT_MAX),
    price: numeric('unit price'),
    quantity: {
      oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\s*\\+?\\d+\\s*$' }],
      nullable: true,
      description: 'a whole number of 0 or more',
    },
    brand: text(TEXT_MAX, 'alias: item_brand'),
    item_brand: text(TEXT_MAX),
  },
};

const IngestEvent: SchemaObject = {
  type: 'object',
  required: ['event'],
  additionalProperties: true,
  description: 'One event, snake_case like TikTok. Unknown top-level keys are ignored; each problem is reported with its path.',
  example: {
    event: 'purchase',
    event_id: 'order-1001',
    anonymous_id: 'v-42',
    user: { email: 'ada@example.com', phone: '+1 213 373 4253' },
    page: { url: 'https://shop.example/thanks?ttclid=E.C.P.abc' },
    properties: { value: 42.5, currency: 'USD', order_id: '1001', contents: [{ content_id: 'sku-1', quantity: 1, price: 42.5 }] },
    cookies: { _ttp: '2aB3cD4eF' },
  },
  properties: {
    event: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_EVENT_NAME_LENGTH,
      description: "The source event name (purchase, add_to_cart, CompletePayment, ...), mapped to TikTok's per connector",
    },
    event_id: id(
      MAX_EVENT_ID_LENGTH,
      "Dedup key within the workspace's dedupWindowHours; share it with the browser pixel. Without it, one is derived from the event name and properties.order_id, else from a hash of the event",
    ),
    event_time: {
      oneOf: [{ type: 'number' }, { type: 'string', maxLength: SHORT_TEXT_MAX }],
      nullable: true,
      description: `Unix seconds, Unix milliseconds or ISO 8601; default: the receive time. Older than the workspace's maxEventAgeDays or more than ${MAX_FUTURE_SKEW_SECONDS / 60} minutes ahead is rejected`,
    },
    anonymous_id: text(MAX_ANONYMOUS_ID_LENGTH, "The visitor's id (tracklayer.js sets one): click ids are restored across a visitor's identities"),
    user: {
      type: 'object',
      nullable: true,
      additionalProperties: true,
      properties: {
        email: identifiers({ type: 'string', maxLength: TEXT_MAX }, 'email address'),
        phone: identifiers(
          { oneOf: [{ type: 'string', maxLength: SHORT_TEXT_MAX }, { type: 'number' }] },
          "phone number (E.164, or national with the workspace's defaultCountry)",
        ),
        external_id: identifiers({ oneOf: [{ type: 'string', maxLength: TEXT_MAX }, { type: 'integer' }] }, 'your own user id'),
        ip: text(SHORT_TEXT_MAX, 'default: the request IP (X-Forwarded-For only with TRUST_PROXY=true)'),
        user_agent: text(USER_AGENT_MAX, "default: the request's User-Agent"),
        locale: text(SHORT_TEXT_MAX),
        ttclid: text(TEXT_MAX, "TikTok's click id; also read from page.url, a same-host page.referrer and cookies.ttclid"),
        ttp: text(TEXT_MAX, "TikTok's browser id; also read from cookies._ttp"),
        fbc: text(TEXT_MAX, "Meta's click id (the _fbc cookie value), kept raw; cookies._fbc first"),
        fbp: text(TEXT_MAX, "Meta's browser id (the _fbp cookie value), kept raw; cookies._fbp first"),
        first_name: text(NAME_MAX),
        last_name: text(NAME_MAX),
        city: text(NAME_MAX),
        state: text(NAME_MAX),
        country: text(NAME_MAX),
        zip_code: stringOrNumber(SHORT_TEXT_MAX, 'postal code'),
      },
    },
    page: {
      type: 'object',
      nullable: true,
      additionalProperties: true,
      properties: { url: text(URL_MAX, 'the page URL; its ttclid parameter is captured'), referrer: text(URL_MAX) },
    },
    properties: {
      type: 'object',
      nullable: true,
      additionalProperties: true,
      description: 'Conversion details; any other key is a custom property, sent on as it is',
      properties: {
        value: numeric('order value'),
        currency: { type: 'string', pattern: '^\\s*[A-Za-z]{3}\\s*$', nullable: true, description: 'ISO 4217, e.g. USD' },
        order_id: id(PRODUCT_ID_MAX, 'your order or transaction id'),
        content_type: text(SHORT_TEXT_MAX, 'product or product_group'),
        contents: products('the products; GA4 sends `items`, Segment `products` (read when `contents` is absent)'),
        items: products('alias of contents'),
        products: products('alias of contents'),
        content_ids: {
          type: 'array',
          maxItems: MAX_CONTENTS,
          items: { oneOf: [{ type: 'string', maxLength: PRODUCT_ID_MAX }, { type: 'integer' }] },
          nullable: true,
          description: 'read only when there is no product list',
        },
        query: text(LONG_TEXT_MAX, 'a search query'),
        description: text(LONG_TEXT_MAX),
      },
    },
    cookies: {
      type: 'object',
      nullable: true,
      additionalProperties: true,
      description: "Raw cookie values from the site (what tracklayer.js sends)",
      properties: { _ttp: text(TEXT_MAX), ttclid: text(TEXT_MAX), _fbc: text(TEXT_MAX), _fbp: text(TEXT_MAX) },
    },
    limited_data_use: { type: 'boolean', nullable: true, description: 'passed on to TikTok' },
  },
};

const IngestBatch: SchemaObject = {
  type: 'object',
  required: ['batch'],
  properties: { batch: { type: 'array', minItems: 1, maxItems: MAX_BATCH_SIZE, items: ref('IngestEvent') } },
};

const fieldProblems: SchemaObject = {
  type: 'array',
  items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string', example: 'user.email' }, message: { type: 'string' } } },
};

const IngestResult: SchemaObject = {
  type: 'object',
  required: ['index', 'status'],
  description: 'The outcome of the event at `index` of the request',
  properties: {
    index: { type: 'integer' },
    status: { type: 'string', enum: ['accepted', 'duplicate', 'rejected'] },
    eventId: { type: 'string', description: 'accepted, duplicate: the event_id (given or derived)' },
    id: { type: 'string', format: 'uuid', description: "accepted: TrackLayer's id of the stored event" },
    warnings: { ...fieldProblems, description: 'accepted: fields dropped (an unparseable phone, say); the rest was kept' },
    originalId: { type: 'string', format: 'uuid', description: 'duplicate: the id of the event it repeats' },
    reason: { type: 'string', enum: [...REJECTION_REASONS], description: 'rejected: why' },
    errors: { ...fieldProblems, description: 'rejected: every failing field' },
  },
};

const IngestResponse: SchemaObject = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected', 'results'],
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    results: { type: 'array', items: ref('IngestResult') },
  },
};

export const INGEST_SCHEMAS: Record<string, SchemaObject> = { IngestEvent, IngestContent, IngestBatch, IngestResult, IngestResponse };

export const INGEST_BODY_SCHEMA: SchemaObject = { oneOf: [ref('IngestEvent'), ref('IngestBatch')] };
export const INGEST_RESPONSE_SCHEMA: ReferenceObject = ref('IngestResponse');

// The api's document factory adds these once; routes refer to them by $ref.
export function registerIngestSchemas(document: OpenAPIObject): void {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...INGEST_SCHEMAS } };
}
