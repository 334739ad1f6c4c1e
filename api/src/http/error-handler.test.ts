import { describe, expect, it } from 'vitest';
import { loggableError } from './error-handler';

describe('loggableError', () => {
  it('keeps name, message and code but drops driver fields such as statement parameters', () => {
    const error = Object.assign(new Error('duplicate key'), {
      code: '23505',
      params: ['whsec_c2VjcmV0LXNpZ25pbmcta2V5'],
      detail: 'Key (secret)=(whsec_c2VjcmV0LXNpZ25pbmcta2V5) already exists.',
    });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'Error', message: 'duplicate key', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('whsec_');
  });

  it('describes a thrown non-error', () => {
    expect(loggableError('boom')).toEqual({ message: 'boom' });
  });
});
