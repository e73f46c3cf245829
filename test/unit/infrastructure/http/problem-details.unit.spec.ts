import { GoneError, InvalidStateError, RuleViolation } from '../../../../src/domain/shared/domain-error.js';
import { toProblem } from '../../../../src/infrastructure/http/conventions/problem-details.filter.js';

describe('problem details', () => {
  it('a domain detail named like a problem member keeps the HTTP status and is answered under another name', () => {
    const { problem } = toProblem(new InvalidStateError('OFFER.WRONG_STATE', 'Handing over the offer is not possible while the request is refused', { details: { status: 'refused', allowed: ['requested'], type: 'x' } }));
    expect(problem).toMatchObject({ status: 409, type: 'urn:heating-cases:problem:OFFER.WRONG_STATE', code: 'OFFER.WRONG_STATE', caseStatus: 'refused', caseType: 'x', allowed: ['requested'] });
  });

  it('a rule refusal names the rule and the field', () => {
    const { problem } = toProblem(new RuleViolation('CHANNEL.IN_PERSON_ONLY', 'R-CHN-01', 'in person only', { field: 'channel', matter: 'contract_conclusion' }));
    expect(problem).toEqual({
      type: 'urn:heating-cases:problem:CHANNEL.IN_PERSON_ONLY',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'in person only',
      code: 'CHANNEL.IN_PERSON_ONLY',
      rule: 'R-CHN-01',
      errors: [{ field: 'channel', message: 'in person only' }],
      matter: 'contract_conclusion',
    });
  });

  it('R-RET-03: a thing removed for good on record answers 410 Gone with its code and rule', () => {
    const { problem } = toProblem(new GoneError('EXTRACT.BUNDLE_PURGED', 'deleted when the retention ended', { rule: 'R-RET-03', details: { bundleSha256: 'a'.repeat(64) } }));
    expect(problem).toEqual({ type: 'urn:heating-cases:problem:EXTRACT.BUNDLE_PURGED', title: 'Gone', status: 410, detail: 'deleted when the retention ended', code: 'EXTRACT.BUNDLE_PURGED', rule: 'R-RET-03', bundleSha256: 'a'.repeat(64) });
  });
});
