import { findJsonBoundsViolation } from '@app/core';
import { INGEST_EVENT_LIMITS } from '../../validation/ingest-event.validator';
import { asObject, type JsonObject } from '../message-field.reader';

// What Google's /debug/mp/collect answers: one message per problem, with its path and code.
export interface Ga4ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode: 'VALUE_INVALID' | 'VALUE_REQUIRED' | 'NAME_INVALID' | 'NAME_RESERVED' | 'VALUE_OUT_OF_BOUNDS' | 'EXCEEDED_MAX_ENTITIES';
}

// Google's Measurement Protocol limits (GA4): 25 events per request, 25 parameters per event,
// names of at most 40 characters that start with a letter and hold letters, digits and underscores.
export const GA4_MAX_EVENTS = 25;
const MAX_PARAMS = 25;
const MAX_NAME_LENGTH = 40;
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED_PREFIXES = ['_', 'firebase_', 'ga_', 'google_', 'gtag.'];
// Events Google collects itself; a Measurement Protocol request may not send them.
const RESERVED_EVENT_NAMES: ReadonlySet<string> = new Set([
  'ad_activeview',
  'ad_click',
  'ad_exposure',
  'ad_query',
  'ad_reward',
  'adunit_exposure',
  'app_clear_data',
  'app_exception',
  'app_install',
  'app_remove',
  'app_store_refund',
  'app_store_subscription_cancel',
  'app_store_subscription_convert',
  'app_store_subscription_renew',
  'app_update',
  'app_upgrade',
  'dynamic_link_app_open',
  'dynamic_link_app_update',
  'dynamic_link_first_open',
  'error',
  'first_open',
  'first_visit',
  'in_app_purchase',
  'notification_dismiss',
  'notification_foreground',
  'notification_open',
  'notification_receive',
  'os_update',
  'session_start',
  'session_start_with_rollout',
  'user_engagement',
]);

function nameProblem(name: string): { code: 'NAME_INVALID' | 'NAME_RESERVED'; why: string } | undefined {
  if (name.length > MAX_NAME_LENGTH) return { code: 'NAME_INVALID', why: `Names must be at most ${MAX_NAME_LENGTH} characters.` };
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) return { code: 'NAME_RESERVED', why: 'Names must not start with a reserved prefix.' };
  if (!NAME.test(name)) {
    return {
      code: 'NAME_INVALID',
      why: /^[A-Za-z]/.test(name)
        ? 'Names may only contain alphanumeric characters and underscores.'
        : 'Names must start with an alphabetic character.',
    };
  }
  return undefined;
}

// Checks one event; returns its problems (none means it can be taken).
export function validateGa4Event(raw: unknown, index: number): Ga4ValidationMessage[] {
  const path = `events[${index}]`;
  const event = asObject(raw);
  if (!event) return [{ fieldPath: path, description: `Event at index: [${index}] must be an object.`, validationCode: 'VALUE_INVALID' }];
  // TrackLayer's own bounds on any event (text Postgres cannot store, depth, sizes), first.
  const bounds = findJsonBoundsViolation(event, INGEST_EVENT_LIMITS, path);
  if (bounds) return [{ fieldPath: bounds.field, description: `Event at index: [${index}]: ${bounds.field} ${bounds.message}.`, validationCode: 'VALUE_INVALID' }];
  const name = event.name;
  if (typeof name !== 'string' || name === '') {
    return [{ fieldPath: `${path}.name`, description: `Event at index: [${index}] has no name.`, validationCode: 'VALUE_REQUIRED' }];
  }
  const messages: Ga4ValidationMessage[] = [];
  const nameIssue = nameProblem(name);
  if (nameIssue) {
    messages.push({ fieldPath: `${path}.name`, description: `Event at index: [${index}] has invalid name [${name}]. ${nameIssue.why}`, validationCode: nameIssue.code });
  } else if (RESERVED_EVENT_NAMES.has(name)) {
    messages.push({ fieldPath: `${path}.name`, description: `Event at index: [${index}] has name [${name}] which is reserved.`, validationCode: 'NAME_RESERVED' });
  }
  if (event.params !== undefined && event.params !== null) messages.push(...validateParams(event.params, path, index));
  return messages;
}

function validateParams(raw: unknown, path: string, index: number): Ga4ValidationMessage[] {
  const params = asObject(raw);
  if (!params) return [{ fieldPath: `${path}.params`, description: `Event at index: [${index}] has params that are not an object.`, validationCode: 'VALUE_INVALID' }];
  const messages: Ga4ValidationMessage[] = [];
  const names = Object.keys(params);
  if (names.length > MAX_PARAMS) {
    messages.push({ fieldPath: `${path}.params`, description: `Event at index: [${index}] has more than ${MAX_PARAMS} params.`, validationCode: 'EXCEEDED_MAX_ENTITIES' });
  }
  for (const param of names) {
    const issue = nameProblem(param);
    if (issue && param !== 'items') {
      messages.push({
        fieldPath: `${path}.params.${param}`,
        description: `Event at index: [${index}] has invalid param [${param}]. ${issue.why}`,
        validationCode: issue.code,
      });
    }
  }
  const items = params.items;
  if (items !== undefined && items !== null) {
    if (!Array.isArray(items)) {
      messages.push({ fieldPath: `${path}.params.items`, description: `Event at index: [${index}] has items that are not an array.`, validationCode: 'VALUE_INVALID' });
    } else {
      items.forEach((item: unknown, i) => {
        const object = asObject(item);
        if (!object || (object.item_id === undefined && object.item_name === undefined)) {
          messages.push({
            fieldPath: `${path}.params.items[${i}]`,
            description: `Item at index: [${i}] of event at index: [${index}] needs an item_id or an item_name.`,
            validationCode: 'VALUE_REQUIRED',
          });
        }
      });
    }
  }
  return messages;
}

// Checks the request itself (not its events): a body, a client id, and 1 to 25 events.
export function validateGa4Request(body: unknown): { messages: Ga4ValidationMessage[]; request?: JsonObject; events: unknown[] } {
  const request = asObject(body);
  // A body that is not JSON at all arrives as a symbol (see LENIENT_JSON), which is no object either.
  if (!request) return { messages: [{ fieldPath: '', description: 'The body must be a JSON object.', validationCode: 'VALUE_INVALID' }], events: [] };
  const messages: Ga4ValidationMessage[] = [];
  for (const [field, value] of Object.entries(request)) {
    const bounds = field === 'events' ? undefined : findJsonBoundsViolation(value, INGEST_EVENT_LIMITS, field);
    if (bounds) messages.push({ fieldPath: bounds.field, description: `${bounds.field} ${bounds.message}.`, validationCode: 'VALUE_INVALID' });
  }
  if (typeof request.client_id !== 'string' && typeof request.app_instance_id !== 'string') {
    messages.push({ fieldPath: 'client_id', description: 'client_id is required (app_instance_id for app streams).', validationCode: 'VALUE_REQUIRED' });
  }
  const events = request.events;
  if (!Array.isArray(events) || events.length === 0) {
    messages.push({ fieldPath: 'events', description: 'events must be a non-empty array.', validationCode: 'VALUE_REQUIRED' });
    return { messages, request, events: [] };
  }
  if (events.length > GA4_MAX_EVENTS) {
    messages.push({ fieldPath: 'events', description: `A request may hold at most ${GA4_MAX_EVENTS} events.`, validationCode: 'EXCEEDED_MAX_ENTITIES' });
  }
  return { messages, request, events };
}
