import { describe, expect, it } from '@jest/globals';
import { flatAllocationOf } from './flat-allocation-view.js';

const step = (event: string, details: Record<string, unknown> | null = null) => ({
  event,
  at: '2026-12-01T10:00:00.000Z',
  details,
});

describe('flatAllocationOf: what the centre sees of the flat', () => {
  it('is nothing before the allocation step', () => {
    expect(flatAllocationOf([step('submit'), step('decide', { outcome: 'approve' })])).toBeNull();
  });

  it('is the date and province of the allocate_flat step, and nothing of the flat itself', () => {
    const view = flatAllocationOf([
      step('submit'),
      step('allocate_flat', { flatId: '7d7c1f1e-0000-4000-8000-000000000001', province: 'MI' }),
    ]);
    expect(view).toEqual({ at: '2026-12-01T10:00:00.000Z', province: 'MI' });
  });

  it('keeps a step without a province readable', () => {
    expect(flatAllocationOf([step('allocate_flat')])).toEqual({ at: '2026-12-01T10:00:00.000Z', province: null });
  });
});
