import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig, DomainError, InjectConfig } from '@app/core';
import { FairWorkQueue, QueueRefusedError } from './fair-work.queue';

// argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane): memory-hard, so a
// leaked users table cannot be brute-forced cheaply on GPUs, and ~25 ms per hash here, where the
// library's defaults (64 MiB, 3 passes, 4 lanes) took ~300 ms and 64 MiB per login in flight.
// Hashes made with other parameters still verify, and are upgraded at the next login (needsRehash).
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// Hashes one client (an IP) may have pending at once; the queue is fair between clients.
const MAX_PENDING_PER_CLIENT = 4;
const MAX_WAITING = 64;

// Every hash and verification goes through one bounded, fair queue: 40 parallel logins from one
// address cannot hold the libuv threads (nor 40 x 19 MiB) and stall everyone else's login.
@Injectable()
export class PasswordHasher {
  private readonly queue: FairWorkQueue;

  constructor(@InjectConfig() config: AppConfig) {
    this.queue = new FairWorkQueue(config.auth.passwordHashConcurrency, MAX_PENDING_PER_CLIENT, MAX_WAITING);
  }

  hash(password: string, client: string): Promise<string> {
    return this.queued(client, () => argon2.hash(password, HASH_OPTIONS));
  }

  // A wrong password is false; anything else that goes wrong (a corrupt stored hash, argon2
  // itself failing) throws, and becomes a 500 with a correlation id rather than "wrong password".
  verify(hash: string, password: string, client: string): Promise<boolean> {
    return this.queued(client, () => argon2.verify(hash, password));
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, HASH_OPTIONS);
  }

  private async queued<T>(client: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.queue.run(client, work);
    } catch (error) {
      if (!(error instanceof QueueRefusedError)) throw error;
      if (error.refusal === 'client_busy') {
        throw new DomainError('rate_limited', 'too_many_attempts', 'Too many sign-in attempts at once from this address; wait a moment', {
          retryAfterSeconds: 1,
        });
      }
      throw new DomainError('unavailable', 'busy', 'Too many sign-ins are being checked right now; retry in a moment', {
        retryAfterSeconds: 1,
      });
    }
  }
}
