import type { MessageKey, Translate } from '../../i18n/messages.js';

/** A manager's table's header row: its columns, then the amount, aligned with the figures below it. */
export function AmountTableHead({ t, columns }: { t: Translate; columns: readonly MessageKey[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th scope="col" key={c}>
            {t(c)}
          </th>
        ))}
        <th scope="col" class="text-end">
          {t('mgrAmount')}
        </th>
      </tr>
    </thead>
  );
}
