import { describe, expect, it } from '@jest/globals';
import { FederationError } from './federation.errors.js';
import { applyPolicy, checkCriticalOperators, mergePolicies, type MetadataPolicy } from './metadata-policy.js';

const OP = 'openid_provider';
const apply = (metadata: Record<string, unknown>, ...policies: MetadataPolicy[]) =>
  applyPolicy(OP, metadata as never, mergePolicies(policies));
const op = (parameters: MetadataPolicy[string]): MetadataPolicy => ({ [OP]: parameters });
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FederationError);
    return (error as FederationError).reason + ' ' + (error as FederationError).message;
  }
  throw new Error('expected a FederationError');
};

describe('applying a metadata policy (OpenID Federation 1.0, 6.1)', () => {
  it('value replaces the parameter, and value null removes it', () => {
    expect(apply({ a: 'x', b: 1 }, op({ a: { value: 'y' }, b: { value: null } }))).toEqual({ a: 'y' });
  });

  it('add joins the values to an array parameter, or creates it', () => {
    expect(apply({ s: ['openid'] }, op({ s: { add: ['profile', 'openid'] } }))).toEqual({ s: ['openid', 'profile'] });
    expect(apply({}, op({ s: { add: ['openid'] } }))).toEqual({ s: ['openid'] });
  });

  it('default fills only an absent parameter', () => {
    expect(apply({}, op({ a: { default: 'RS256' } }))).toEqual({ a: 'RS256' });
    expect(apply({ a: 'ES256' }, op({ a: { default: 'RS256' } }))).toEqual({ a: 'ES256' });
  });

  it('one_of refuses a value outside the list and ignores an absent parameter', () => {
    expect(apply({ a: 'RS256' }, op({ a: { one_of: ['RS256', 'RS512'] } }))).toEqual({ a: 'RS256' });
    expect(apply({}, op({ a: { one_of: ['RS256'] } }))).toEqual({});
    expect(failure(() => apply({ a: 'none' }, op({ a: { one_of: ['RS256'] } })))).toMatch(/^POLICY_VIOLATION/);
  });

  it('subset_of keeps the intersection', () => {
    expect(apply({ acr: ['L1', 'L2', 'X'] }, op({ acr: { subset_of: ['L1', 'L2', 'L3'] } }))).toEqual({
      acr: ['L1', 'L2'],
    });
  });

  it('superset_of refuses an array that misses a required value', () => {
    expect(apply({ g: ['a', 'b'] }, op({ g: { superset_of: ['a'] } }))).toEqual({ g: ['a', 'b'] });
    expect(failure(() => apply({ g: ['b'] }, op({ g: { superset_of: ['a'] } })))).toMatch(
      /POLICY_VIOLATION.*openid_provider\.g/,
    );
  });

  it('essential=true refuses a missing parameter, essential=false accepts it', () => {
    expect(failure(() => apply({}, op({ a: { essential: true } })))).toMatch(/POLICY_VIOLATION.*essential/);
    expect(apply({}, op({ a: { essential: false } }))).toEqual({});
  });

  it('applies operators in the spec order: value, add, default, then the checks', () => {
    const policy = op({ s: { add: ['c'], subset_of: ['a', 'c'], superset_of: ['c'] } });
    expect(apply({ s: ['a', 'b'] }, policy)).toEqual({ s: ['a', 'c'] });
  });

  it('leaves parameters and entity types without policy untouched', () => {
    expect(applyPolicy('openid_relying_party', { a: 1 }, mergePolicies([op({ a: { value: 2 } })]))).toEqual({ a: 1 });
  });
});

describe('merging the policies of a chain (6.1.3)', () => {
  it('merges each operator by its rule', () => {
    const merged = mergePolicies([
      op({
        a: { add: ['x'] },
        b: { one_of: ['1', '2', '3'] },
        c: { subset_of: ['p', 'q'] },
        d: { superset_of: ['m'] },
      }),
      op({
        a: { add: ['y'] },
        b: { one_of: ['2', '3', '4'] },
        c: { subset_of: ['q', 'r'] },
        d: { superset_of: ['n'] },
      }),
    ]);
    expect(merged[OP]).toEqual({
      a: { add: ['x', 'y'] },
      b: { one_of: ['2', '3'] },
      c: { subset_of: ['q'] },
      d: { superset_of: ['m', 'n'] },
    });
  });

  it('keeps essential=true once a superior set it', () => {
    expect(mergePolicies([op({ a: { essential: true } }), op({ a: { essential: false } })])[OP]['a']).toEqual({
      essential: true,
    });
  });

  it('accepts equal values and defaults, compared as JSON (key order ignored)', () => {
    const merged = mergePolicies([op({ a: { value: { x: 1, y: 2 } } }), op({ a: { value: { y: 2, x: 1 } } })]);
    expect(merged[OP]['a']).toEqual({ value: { y: 2, x: 1 } });
  });

  it.each([
    ['two different values', [{ value: 'a' }, { value: 'b' }], /two different values for value/],
    ['two different defaults', [{ default: 'a' }, { default: 'b' }], /two different values for default/],
    ['one_of with nothing in common', [{ one_of: ['a'] }, { one_of: ['b'] }], /no common element/],
    ['value outside one_of', [{ one_of: ['a'] }, { value: 'b' }], /value is not one of/],
    ['value outside subset_of', [{ subset_of: ['a'] }, { value: ['a', 'b'] }], /value is not a subset/],
    ['value missing superset_of', [{ superset_of: ['a'] }, { value: ['b'] }], /value is not a superset/],
    ['add outside value', [{ value: ['a'] }, { add: ['b'] }], /add values are not all in value/],
    ['add outside subset_of', [{ subset_of: ['a'] }, { add: ['b'] }], /add values are not all in subset_of/],
    ['default outside one_of', [{ one_of: ['a'] }, { default: 'b' }], /default is not one of/],
    ['default outside subset_of', [{ subset_of: ['a'] }, { default: ['b'] }], /default is not a subset/],
    ['default missing superset_of', [{ superset_of: ['a'] }, { default: ['b'] }], /default is not a superset/],
    ['superset_of beyond subset_of', [{ subset_of: ['a'] }, { superset_of: ['b'] }], /superset_of is not a subset/],
    ['one_of with subset_of', [{ one_of: ['a'] }, { subset_of: ['a'] }], /one_of .* cannot be combined/],
    ['value null with essential', [{ essential: true }, { value: null }], /value null removes/],
    ['value null with default', [{ default: 'a' }, { value: null }], /value null cannot be combined/],
    ['an operator of the wrong type', [{ add: 'a' as never }], /add must be an array/],
  ])('refuses %s', (_name, parameterPolicies, message) => {
    const reason = failure(() => mergePolicies(parameterPolicies.map((p) => op({ param: p }))));
    expect(reason).toMatch(/^POLICY_CONFLICT .*openid_provider\.param/);
    expect(reason).toMatch(message);
  });

  it('refuses a critical operator it does not implement, ignores a non-critical one', () => {
    const policy = mergePolicies([op({ a: { regexp: '^x' } as never })]);
    expect(() => checkCriticalOperators(policy, [])).not.toThrow();
    expect(failure(() => checkCriticalOperators(policy, ['regexp']))).toMatch(/critical operator regexp/);
  });
});
