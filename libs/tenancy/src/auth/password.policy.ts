import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// The English messages only; the package's main entry would also load ~250,000 English words
// (about 20 MB of heap) that this policy does not use. The package has no exports map, so the
// file is reachable; the version is pinned.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const translations = require('@zxcvbn-ts/language-en/dist/translations.cjs') as typeof import('@zxcvbn-ts/language-en/dist/translations').default;

export const MIN_PASSWORD_SCORE = 3;
// zxcvbn's cost grows with the length it examines; a password longer than this is judged by its
// first 64 characters (the rest can only make it stronger). Fewer l33t substitutions keep a
// crafted password from costing more than a few tens of milliseconds.
const CHECKED_LENGTH = 64;
const L33T_MAX_SUBSTITUTIONS = 10;

// NIST SP 800-63B: refuse passwords found in lists of common or breached passwords, repetitive
// or sequential ones, and ones built from the account's own details. zxcvbn-ts with its common
// list (about 49,000 passwords from breaches, plus keyboard patterns) scores each password 0-4;
// below 3 ("safely unguessable" against a slow hash) is refused, with zxcvbn's reason.
@Injectable()
export class PasswordPolicy {
  private checker?: ZxcvbnFactory;

  problem(password: string, userInputs: string[]): string | undefined {
    // Built on first use: the dictionaries cost ~15 MB of heap and ~150 ms to load.
    this.checker ??= new ZxcvbnFactory({
      dictionary,
      graphs: adjacencyGraphs,
      translations,
      maxLength: CHECKED_LENGTH,
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    });
    const result = this.checker.check(password, userInputs);
    if (result.score >= MIN_PASSWORD_SCORE) return undefined;
    const why = result.feedback.warning ?? 'It is too easy to guess.';
    const hint = result.feedback.suggestions[0] ?? 'Use a few uncommon words together.';
    return `password is too common or too easy to guess: ${why} ${hint}`;
  }
}
