/** One step of a case's history, as CaseReadsService.history gives it to whoever may see the case. */
export interface HistoryStep {
  event: string;
  at: string;
  details: Record<string, unknown> | null;
}

/** What the centre may know of the flat allocated: when, and in which province. */
export interface FlatAllocationView {
  at: string;
  province: string | null;
}

/**
 * The flat allocated to a case, read from the case's own history (the `allocate_flat` step
 * FlatsService writes), which is what the API shows the filing centre. The address is not
 * there: FlatsService gives it only to the MANAGER who allocates, and lists mask it.
 */
export function flatAllocationOf(history: readonly HistoryStep[]): FlatAllocationView | null {
  const step = history.find((h) => h.event === 'allocate_flat');
  if (!step) return null;
  const province = step.details?.province;
  return { at: step.at, province: typeof province === 'string' ? province : null };
}
