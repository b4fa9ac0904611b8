/**
 * Territory codes the e2e tests use, written once (reference data loaded by the migrations).
 * Municipalities by ISTAT code, ATS by their regional code.
 */
export const MILANO = '015146'; // ATS 321, Città Metropolitana di Milano
export const BERGAMO = '016024'; // ATS 325, Bergamo
export const SERIATE = '016198'; // ATS 325, Ambito di Seriate
export const BRESCIA = '017029'; // ATS 326, Brescia

export const ATS_MILANO = '321';
export const ATS_BERGAMO = '325';
export const ATS_BRESCIA = '326';
