import { OptionsError } from '../core/sync-error.js';
import { groupOf, type KubeObject } from '../core/object-ref.js';
import type { HealthStatus } from './health-status.js';

/**
 * A custom readiness rule for one kind: a TypeScript predicate checked before the built-in
 * rules. Return a {@link HealthStatus} to decide, or `undefined` to fall through to the
 * built-in rules (generic conditions, then the kind's own rule).
 *
 * A rule matches an object when `kind` is equal and, if given, `apiVersion` is equal (exact
 * version) or `group` is equal (any version). With neither, it matches the kind in every group.
 *
 * Caveats: objects being deleted are `Terminating` before any rule runs. Rules must be pure
 * and must not throw: a throwing rule makes {@link waitForReady} reject.
 *
 * @example
 * ```ts
 * import type { HealthRule } from 'syncprims';
 * const certificate: HealthRule = {
 *   group: 'cert-manager.io',
 *   kind: 'Certificate',
 *   evaluate: (obj) => {
 *     const notAfter = (obj.status as { notAfter?: string } | undefined)?.notAfter;
 *     return notAfter ? undefined : { status: 'InProgress', message: 'not issued yet' };
 *   },
 * };
 * ```
 */
export interface HealthRule {
  /** Match only this exact `apiVersion` (e.g. `example.com/v1`). @default undefined (any version) */
  readonly apiVersion?: string;
  /** Match only this API group (`''` for the core group), any version. @default undefined (any group) */
  readonly group?: string;
  /** The kind this rule is for, e.g. `Certificate`. */
  readonly kind: string;
  /** Decides the object's health, or returns `undefined` to fall through to the built-in rules. */
  evaluate(obj: KubeObject): HealthStatus | undefined;
}

/** Which objects a rule built by {@link healthRule} applies to. */
export interface HealthRuleTarget {
  /** Match only this exact `apiVersion`. @default undefined (any version) */
  readonly apiVersion?: string;
  /** Match only this API group (`''` for the core group). @default undefined (any group) */
  readonly group?: string;
  /** The kind. */
  readonly kind: string;
}

/**
 * Builds a validated {@link HealthRule}. The target is `{ kind, group?, apiVersion? }` or a
 * string: `'Kind'`, `'group/Kind'` (any version) or `'group/version/Kind'`.
 *
 * Errors: throws {@link OptionsError} when the target has no kind, or `apiVersion` and `group`
 * disagree.
 *
 * @example
 * ```ts
 * import { healthRule } from 'syncprims';
 * const widgetReady = healthRule('example.com/Widget', (obj) => {
 *   const phase = (obj.status as { phase?: string } | undefined)?.phase;
 *   if (phase === 'Running') return { status: 'Current', message: 'Widget is running' };
 *   if (phase === 'Error') return { status: 'Failed', message: 'Widget failed' };
 *   return { status: 'InProgress', message: `Widget phase: ${phase ?? 'none'}` };
 * });
 * ```
 */
export function healthRule(
  target: string | HealthRuleTarget,
  evaluate: (obj: KubeObject) => HealthStatus | undefined,
): HealthRule {
  const parsed = typeof target === 'string' ? parseTarget(target) : target;
  if (!parsed || typeof parsed.kind !== 'string' || parsed.kind.length === 0) {
    throw new OptionsError(`healthRule: the target needs a kind (got ${JSON.stringify(target)})`);
  }
  if (typeof evaluate !== 'function') {
    throw new OptionsError(`healthRule(${parsed.kind}): evaluate must be a function`);
  }
  if (parsed.apiVersion !== undefined && parsed.group !== undefined && groupOf(parsed.apiVersion) !== parsed.group) {
    throw new OptionsError(
      `healthRule(${parsed.kind}): apiVersion ${parsed.apiVersion} is not in group ${JSON.stringify(parsed.group)}`,
    );
  }
  return {
    kind: parsed.kind,
    ...(parsed.apiVersion !== undefined ? { apiVersion: parsed.apiVersion } : {}),
    ...(parsed.group !== undefined ? { group: parsed.group } : {}),
    evaluate,
  };
}

function parseTarget(target: string): HealthRuleTarget | undefined {
  const parts = target.split('/');
  if (parts.some((p) => p.length === 0)) return undefined;
  if (parts.length === 1) return { kind: parts[0]! };
  if (parts.length === 2) return { group: parts[0]!, kind: parts[1]! };
  if (parts.length === 3) return { apiVersion: `${parts[0]!}/${parts[1]!}`, kind: parts[2]! };
  return undefined;
}

/** True when `rule` applies to `obj` (see {@link HealthRule} for the matching rules). */
export function ruleMatches(rule: HealthRule, obj: KubeObject): boolean {
  if (rule.kind !== obj.kind) return false;
  if (rule.apiVersion !== undefined && rule.apiVersion !== obj.apiVersion) return false;
  if (rule.group !== undefined && rule.group !== groupOf(obj.apiVersion)) return false;
  return true;
}
