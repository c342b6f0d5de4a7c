import { Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig, DomainError, InjectConfig, InjectRedis } from '@app/core';

// Adds one to a counter and starts its window on the first hit, atomically; answers the count and
// the milliseconds left in the window.
const COUNT_IN_WINDOW = `
  local count = redis.call('INCR', KEYS[1])
  if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  return { count, redis.call('PTTL', KEYS[1]) }`;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

// Login and signup throttles, in Redis so that every api process counts together:
// - attempts per client IP and minute, counted before any password is hashed;
// - failed logins per account (a hash of the email, known or not, so the answer never tells
//   which emails have accounts) within a window, after which the account answers 429 until the
//   window ends, whatever the password;
// - signups per client IP and hour.
// When Redis is unreachable the throttles let requests through (logged): logins keep working,
// and the fair hashing queue still bounds what one address can cost.
@Injectable()
export class SignInThrottle {
  private readonly logger = new Logger(SignInThrottle.name);
  private readonly prefix: string;
  private readonly limits: AppConfig['auth'];

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectConfig() config: AppConfig,
  ) {
    this.prefix = `${config.queuePrefix}:signin`;
    this.limits = config.auth;
  }

  async takeLoginAttempt(ip: string): Promise<void> {
    const window = await this.count(`${this.prefix}:ip:${ip}`, MINUTE_MS);
    if (window && window.count > this.limits.loginAttemptsPerIpPerMinute) {
      throw limited('too_many_attempts', 'Too many sign-in attempts from this address; wait a minute', window.ttlMs);
    }
  }

  async takeSignup(ip: string): Promise<void> {
    const window = await this.count(`${this.prefix}:signup:${ip}`, HOUR_MS);
    if (window && window.count > this.limits.signupsPerIpPerHour) {
      throw limited('too_many_signups', 'Too many signups from this address; try again later', window.ttlMs);
    }
  }

  async assertAccountOpen(email: string): Promise<void> {
    const key = this.accountKey(email);
    const state = await this.guard(async () => {
      const [count, ttlMs] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
      return { count: Number(count ?? 0), ttlMs };
    });
    if (state && state.count >= this.limits.loginFailuresPerAccount) {
      throw limited('account_locked', 'Too many failed sign-ins for this account; wait before trying again', state.ttlMs);
    }
  }

  async recordFailure(email: string): Promise<void> {
    await this.count(this.accountKey(email), this.limits.loginFailureWindowSeconds * 1000);
  }

  async clearFailures(email: string): Promise<void> {
    await this.guard(() => this.redis.del(this.accountKey(email)));
  }

  private accountKey(email: string): string {
    return `${this.prefix}:account:${createHash('sha256').update(email).digest('hex')}`;
  }

  private count(key: string, windowMs: number): Promise<{ count: number; ttlMs: number } | undefined> {
    return this.guard(async () => {
      const [count, ttlMs] = (await this.redis.eval(COUNT_IN_WINDOW, 1, key, windowMs)) as [number, number];
      return { count, ttlMs };
    });
  }

  private async guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.logger.warn({ err: error }, 'Sign-in throttle unavailable (Redis); letting the request through');
      return undefined;
    }
  }
}

function limited(code: string, message: string, ttlMs: number): DomainError {
  return new DomainError('rate_limited', code, message, { retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) });
}
