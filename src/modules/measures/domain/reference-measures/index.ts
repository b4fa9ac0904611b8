import type { MeasureDefinition } from '../measure-definition.js';
import { ALER_VIOLENZA } from './aler-violenza.js';
import { B1_FNA_2025 } from './b1-fna-2025.js';
import { B2_FNA_2025_SEREGNO } from './b2-fna-2025-seregno.js';
import { BONUS_ASSISTENTI_FAMILIARI } from './bonus-assistenti-familiari.js';
import { NIDI_GRATIS_PLUS_2024_25 } from './nidi-gratis-plus-2024-25.js';
import { ORFANI_FEMMINICIDIO } from './orfani-femminicidio.js';

export {
  ALER_VIOLENZA,
  B1_FNA_2025,
  B2_FNA_2025_SEREGNO,
  BONUS_ASSISTENTI_FAMILIARI,
  NIDI_GRATIS_PLUS_2024_25,
  ORFANI_FEMMINICIDIO,
};

/** The measures a fresh installation is seeded with, as first versions. */
export const REFERENCE_MEASURES: readonly MeasureDefinition[] = [
  ORFANI_FEMMINICIDIO,
  NIDI_GRATIS_PLUS_2024_25,
  B1_FNA_2025,
  B2_FNA_2025_SEREGNO,
  ALER_VIOLENZA,
  BONUS_ASSISTENTI_FAMILIARI,
];
