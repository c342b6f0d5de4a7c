import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

// argon2id with the library's defaults (64 MiB, 3 passes): memory-hard, so a leaked users table
// cannot be brute-forced cheaply on GPUs.
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
