import { Injectable } from '@nestjs/common';
import {
  countryForAddressRules,
  MetaFieldOutcome,
  normalizeMetaCity,
  normalizeMetaCountry,
  normalizeMetaEmail,
  normalizeMetaExternalId,
  normalizeMetaIp,
  normalizeMetaName,
  normalizeMetaPhone,
  normalizeMetaState,
  normalizeMetaZip,
} from './meta-field.normalizer';
import type {
  MetaFieldProblem,
  MetaNormalizationSettings,
  MetaUserData,
  MetaUserDataNormalization,
  MetaUserInput,
  PlainIdentifier,
} from './meta-user-data';

// The plain identifiers of one event -> Meta's user_data, hashed by Meta's rules. Pure: no state,
// no I/O, so ingest can call it per event for each workspace with a Meta connector, next to its
// own (TikTok-form) normalization, and store the result with the event. Plain values never leave
// this function: only hashes and the raw keys Meta wants raw do.
@Injectable()
export class MetaUserDataNormalizer {
  normalize(input: MetaUserInput | null | undefined, settings: MetaNormalizationSettings): MetaUserDataNormalization {
    const userData: MetaUserData = {};
    const warnings: MetaFieldProblem[] = [];
    if (!input) return { userData, warnings };
    const keep = <K extends keyof MetaUserData>(key: K, outcome: MetaFieldOutcome | string[]): void => {
      if (typeof outcome === 'object' && !Array.isArray(outcome)) warnings.push(outcome);
      else if (outcome !== undefined) userData[key] = outcome as MetaUserData[K];
    };

    keep('em', hashAll(input.email, 'user.email', normalizeMetaEmail, warnings));
    keep('ph', hashAll(input.phone, 'user.phone', (value, field) => normalizeMetaPhone(value, settings.defaultCountry, field), warnings));
    keep('external_id', hashAll(input.external_id, 'user.external_id', (value) => normalizeMetaExternalId(value, settings.externalId), warnings));
    keep('fn', textOf(input.first_name, normalizeMetaName));
    keep('ln', textOf(input.last_name, normalizeMetaName));
    keep('ct', textOf(input.city, normalizeMetaCity));
    const country = countryForAddressRules(input.country, settings.defaultCountry);
    keep('st', textOf(input.state, (value) => normalizeMetaState(value, country)));
    const zip = input.zip_code;
    keep('zp', typeof zip === 'string' || typeof zip === 'number' ? normalizeMetaZip(zip, country) : undefined);
    keep('country', textOf(input.country, (value) => normalizeMetaCountry(value, 'user.country')));

    keep('client_ip_address', textOf(input.ip, (value) => normalizeMetaIp(value, 'user.ip')));
    keep('client_user_agent', textOf(input.user_agent, trimmed));
    keep('fbc', textOf(input.fbc, trimmed));
    keep('fbp', textOf(input.fbp, trimmed));
    return { userData, warnings };
  }
}

// One value or a list (Meta takes both); duplicates collapse after hashing, empty results vanish.
function hashAll<T extends string | number>(
  value: PlainIdentifier<T> | undefined,
  path: string,
  normalize: (value: T, field: string) => MetaFieldOutcome,
  warnings: MetaFieldProblem[],
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const values = Array.isArray(value) ? value : [value];
  const hashes: string[] = [];
  values.forEach((item, i) => {
    const outcome = normalize(item, Array.isArray(value) ? `${path}[${i}]` : path);
    if (typeof outcome === 'string') {
      if (!hashes.includes(outcome)) hashes.push(outcome);
    } else if (outcome !== undefined) {
      warnings.push(outcome);
    }
  });
  return hashes.length > 0 ? hashes : undefined;
}

function textOf(value: string | null | undefined, normalize: (value: string) => MetaFieldOutcome): MetaFieldOutcome {
  return typeof value === 'string' ? normalize(value) : undefined;
}

function trimmed(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}
