import { FederationError } from './federation.errors.js';

/**
 * The metadata policy language of OpenID Federation 1.0 (section 6.1): merging the policies of
 * a trust chain from the anchor down, and applying the merged policy to an entity's metadata.
 * Pure functions over JSON values.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ParameterPolicy {
  value?: Json;
  add?: Json[];
  default?: Json;
  one_of?: Json[];
  subset_of?: Json[];
  superset_of?: Json[];
  essential?: boolean;
}
/** Per entity type (openid_provider...), per metadata parameter. */
export type MetadataPolicy = Record<string, Record<string, ParameterPolicy>>;

export const STANDARD_OPERATORS = ['value', 'add', 'default', 'one_of', 'subset_of', 'superset_of', 'essential'];

const conflict = (where: string, why: string) => new FederationError('POLICY_CONFLICT', `${where}: ${why}`);
const violation = (where: string, why: string) => new FederationError('POLICY_VIOLATION', `${where}: ${why}`);

const canonical = (value: Json): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as JsonObject).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
const same = (a: Json, b: Json) => canonical(a) === canonical(b);
const has = (list: readonly Json[], item: Json) => list.some((x) => same(x, item));
const union = (a: readonly Json[], b: readonly Json[]) => [...a, ...b.filter((x) => !has(a, x))];
const intersection = (a: readonly Json[], b: readonly Json[]) => a.filter((x) => has(b, x));
const isSubset = (a: readonly Json[], b: readonly Json[]) => a.every((x) => has(b, x));
const asArray = (v: Json): Json[] => (Array.isArray(v) ? v : [v]);

function checkShape(where: string, policy: ParameterPolicy): void {
  for (const op of ['add', 'one_of', 'subset_of', 'superset_of'] as const) {
    if (policy[op] !== undefined && !Array.isArray(policy[op])) throw conflict(where, `${op} must be an array`);
  }
  if (policy.essential !== undefined && typeof policy.essential !== 'boolean') {
    throw conflict(where, 'essential must be a boolean');
  }
}

/**
 * The checks between operators of one parameter's (merged) policy, as the spec's combination
 * table states them: a policy that no metadata could satisfy is an error of the federation.
 */
export function checkParameterPolicy(where: string, policy: ParameterPolicy): void {
  checkShape(where, policy);
  const { value, add, one_of, subset_of, superset_of, essential } = policy;
  const dflt = policy.default;
  if (one_of && (subset_of || superset_of || add)) {
    throw conflict(where, 'one_of (a single value) cannot be combined with add, subset_of or superset_of (arrays)');
  }
  if (value !== undefined) {
    if (value === null) {
      if (essential) throw conflict(where, 'value null removes a parameter that essential requires');
      if (add || dflt !== undefined) throw conflict(where, 'value null cannot be combined with add or default');
    } else {
      if (add && !isSubset(add, asArray(value))) throw conflict(where, 'add values are not all in value');
      if (one_of && !has(one_of, value)) throw conflict(where, 'value is not one of one_of');
      if (subset_of && !isSubset(asArray(value), subset_of)) {
        throw conflict(where, 'value is not a subset of subset_of');
      }
      if (superset_of && !isSubset(superset_of, asArray(value))) {
        throw conflict(where, 'value is not a superset of superset_of');
      }
    }
  }
  if (add && subset_of && !isSubset(add, subset_of)) throw conflict(where, 'add values are not all in subset_of');
  if (dflt !== undefined && dflt !== null) {
    if (one_of && !has(one_of, dflt)) throw conflict(where, 'default is not one of one_of');
    if (subset_of && !isSubset(asArray(dflt), subset_of)) throw conflict(where, 'default is not a subset of subset_of');
    if (superset_of && !isSubset(superset_of, asArray(dflt))) {
      throw conflict(where, 'default is not a superset of superset_of');
    }
  }
  if (subset_of && superset_of && !isSubset(superset_of, subset_of)) {
    throw conflict(where, 'superset_of is not a subset of subset_of');
  }
}

/** Merges a subordinate's operators for one parameter into its superior's (section 6.1.3.1). */
function mergeParameter(where: string, superior: ParameterPolicy, subordinate: ParameterPolicy): ParameterPolicy {
  checkShape(where, subordinate);
  const merged: ParameterPolicy = { ...superior };
  if (subordinate.value !== undefined) {
    if (merged.value !== undefined && !same(merged.value, subordinate.value)) {
      throw conflict(where, 'two different values for value');
    }
    merged.value = subordinate.value;
  }
  if (subordinate.add) merged.add = union(merged.add ?? [], subordinate.add);
  if (subordinate.default !== undefined) {
    if (merged.default !== undefined && !same(merged.default, subordinate.default)) {
      throw conflict(where, 'two different values for default');
    }
    merged.default = subordinate.default;
  }
  if (subordinate.one_of) {
    merged.one_of = merged.one_of ? intersection(merged.one_of, subordinate.one_of) : subordinate.one_of;
    if (merged.one_of.length === 0) throw conflict(where, 'one_of values have no common element');
  }
  if (subordinate.subset_of) {
    merged.subset_of = merged.subset_of ? intersection(merged.subset_of, subordinate.subset_of) : subordinate.subset_of;
  }
  if (subordinate.superset_of) merged.superset_of = union(merged.superset_of ?? [], subordinate.superset_of);
  // A superior's essential=true cannot be relaxed by a subordinate.
  if (subordinate.essential !== undefined) merged.essential = (merged.essential ?? false) || subordinate.essential;
  // Operators outside the standard set travel along unchanged (criticality is checked by the caller).
  for (const [op, v] of Object.entries(subordinate)) {
    if (!STANDARD_OPERATORS.includes(op)) (merged as Record<string, unknown>)[op] = v;
  }
  checkParameterPolicy(where, merged);
  return merged;
}

/** Merges the policies of a chain, ordered from the trust anchor's statement down to the leaf's superior's. */
export function mergePolicies(policies: readonly (MetadataPolicy | undefined)[]): MetadataPolicy {
  const merged: MetadataPolicy = {};
  for (const policy of policies) {
    for (const [entityType, parameters] of Object.entries(policy ?? {})) {
      const target = (merged[entityType] ??= {});
      for (const [name, operators] of Object.entries(parameters)) {
        const where = `${entityType}.${name}`;
        if (!operators || typeof operators !== 'object' || Array.isArray(operators)) {
          throw conflict(where, 'a parameter policy must be an object of operators');
        }
        target[name] = target[name]
          ? mergeParameter(where, target[name], operators)
          : mergeParameter(where, {}, operators);
      }
    }
  }
  return merged;
}

/** Applies one parameter's policy (order: value, add, default, one_of, subset_of, superset_of, essential). */
function applyParameter(where: string, policy: ParameterPolicy, current: Json | undefined): Json | undefined {
  let v = current;
  if (policy.value !== undefined) v = policy.value === null ? undefined : policy.value;
  if (policy.add) {
    if (v !== undefined && !Array.isArray(v)) throw violation(where, 'add needs an array parameter');
    v = union(v ?? [], policy.add);
  }
  if (v === undefined && policy.default !== undefined && policy.default !== null) v = policy.default;
  if (v !== undefined) {
    if (policy.one_of && !has(policy.one_of, v)) {
      throw violation(where, `${canonical(v)} is not one of the allowed values`);
    }
    if (policy.subset_of) {
      if (!Array.isArray(v)) throw violation(where, 'subset_of needs an array parameter');
      v = intersection(v, policy.subset_of);
    }
    if (policy.superset_of) {
      if (!Array.isArray(v)) throw violation(where, 'superset_of needs an array parameter');
      if (!isSubset(policy.superset_of, v)) throw violation(where, 'does not contain every required value');
    }
  }
  if (policy.essential && v === undefined) throw violation(where, 'essential parameter is missing');
  return v;
}

/** The metadata of one entity type after the merged policy for that type. */
export function applyPolicy(entityType: string, metadata: JsonObject, policy: MetadataPolicy): JsonObject {
  const result: JsonObject = { ...metadata };
  for (const [name, parameterPolicy] of Object.entries(policy[entityType] ?? {})) {
    const v = applyParameter(`${entityType}.${name}`, parameterPolicy, result[name]);
    if (v === undefined) delete result[name];
    else result[name] = v;
  }
  return result;
}

/** Fails on operators the chain marks critical (metadata_policy_crit) that this implementation does not know. */
export function checkCriticalOperators(policy: MetadataPolicy, critical: readonly string[]): void {
  const unknown = critical.filter((op) => !STANDARD_OPERATORS.includes(op));
  for (const [entityType, parameters] of Object.entries(policy)) {
    for (const [name, operators] of Object.entries(parameters)) {
      const used = Object.keys(operators).filter((op) => unknown.includes(op));
      if (used.length) throw conflict(`${entityType}.${name}`, `critical operator ${used.join(', ')} not supported`);
    }
  }
}
