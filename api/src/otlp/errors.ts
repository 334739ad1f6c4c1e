import { DomainError } from '../domain/errors';

/** A body over the receiver's limit, before or after decompression. */
export class PayloadTooLargeError extends DomainError {
  constructor(message: string) {
    super('payload_too_large', message);
  }
}

/** A Content-Type or Content-Encoding the receiver does not speak. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super('unsupported_media_type', message);
  }
}
