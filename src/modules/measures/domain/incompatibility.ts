import type { MeasureDefinition } from './measure-definition.js';

/**
 * Whether a grant of `otherCode` to the same beneficiary in the same year rules this measure
 * out. Checked both ways by the caller: B1 lists B2 and B2 lists B1, but an older version
 * of one may predate the other.
 */
export function isIncompatibleWith(
  definition: Pick<MeasureDefinition, 'incompatibilities'>,
  otherCode: string,
): boolean {
  return definition.incompatibilities.some((incompatibility) =>
    incompatibility.measureCodes.some((pattern) =>
      pattern.endsWith('*') ? otherCode.startsWith(pattern.slice(0, -1)) : otherCode === pattern,
    ),
  );
}
