import type { AppContext } from '../context';
import { clockOf, timeInput } from '../date-fields';
import { h } from '../dom';
import type { Shift, Unit } from '../types';
import { busy, errorText, showError } from '../ui';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** A time input cannot say 24:00, and the API takes only 24:00 (not 00:00) for a shift ending at midnight. */
const MIDNIGHT_END = '24:00';

interface Grid {
  /** Time windows, one table row each. */
  rows: { start: string; end: string }[];
  /** `${row}/${weekday}` → contact ids in ring order. */
  cells: Map<string, number[]>;
}

export function gridOf(shifts: Shift[]): Grid {
  const rows: Grid['rows'] = [];
  const cells = new Map<string, number[]>();
  const sorted = [...shifts].sort(
    (a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.priority - b.priority,
  );
  for (const shift of sorted) {
    let row = rows.findIndex((r) => r.start === shift.start && r.end === shift.end);
    if (row < 0) row = rows.push({ start: shift.start, end: shift.end }) - 1;
    const key = `${row}/${shift.weekday}`;
    cells.set(key, [...(cells.get(key) ?? []), shift.contactId]);
  }
  return { rows, cells };
}

/** Back to the API's list; the position in a cell becomes the priority (first rings first). */
export function shiftsOf(grid: Grid): Shift[] {
  return grid.rows.flatMap((row, index) =>
    WEEKDAYS.flatMap((weekday) =>
      (grid.cells.get(`${index}/${weekday}`) ?? []).map((contactId, position) => ({
        contactId,
        weekday,
        start: row.start,
        end: row.end === '00:00' ? MIDNIGHT_END : row.end,
        priority: position + 1,
      })),
    ),
  );
}

/** The weekly duty grid: 7 days across, one row per shift, people in ring order in each cell. */
export function rosterGrid(ctx: AppContext, unit: Unit, shifts: Shift[], editable: boolean): HTMLElement {
  const { t, api } = ctx;
  const grid = gridOf(shifts);
  const names = new Map(unit.contacts.map((c) => [c.id, c.name]));
  const choices = unit.contacts.filter((c) => c.active);
  const table = h('table', { className: 'roster' });
  const errors = h('div', {});
  const wrap = h('div', { className: 'table-wrap roster-wrap' }, table);

  const cellView = (row: number, weekday: number) => {
    const key = `${row}/${weekday}`;
    const people = grid.cells.get(key) ?? [];
    const { start, end } = grid.rows[row] ?? { start: '', end: '' };
    const chips = people.map((id, position) =>
      h(
        'li',
        { className: 'chip' },
        h('span', {}, names.get(id) ?? `#${id}`),
        editable
          ? h(
              'button',
              {
                type: 'button',
                'aria-label': t('roster.removePerson', { name: names.get(id) ?? String(id) }),
                onclick: () => {
                  grid.cells.set(
                    key,
                    people.filter((_, i) => i !== position),
                  );
                  draw();
                },
              },
              '×',
            )
          : null,
      ),
    );
    const add = editable
      ? h(
          'select',
          {
            className: 'add-person',
            'aria-label': t('roster.addPersonLabel', { day: t(`weekday.${weekday as 1}`), start, end }),
            onchange: (event: Event) => {
              const id = Number((event.target as HTMLSelectElement).value);
              if (id) grid.cells.set(key, [...people, id]);
              draw();
            },
          },
          h('option', { value: '' }, t('roster.addPerson')),
          choices
            .filter((c) => !people.includes(c.id))
            .map((c) => h('option', { value: String(c.id) }, c.name)),
        )
      : null;
    return h('td', {}, h('ol', { className: 'chips' }, chips), add);
  };

  const rowHead = (index: number) => {
    const row = grid.rows[index] ?? { start: '', end: '' };
    if (!editable) return h('th', { scope: 'row' }, `${row.start}–${row.end}`);
    const time = (which: 'start' | 'end') => {
      const input = timeInput(
        {
          name: `${which}-${index}`,
          value: row[which] === MIDNIGHT_END ? '00:00' : row[which],
          required: true,
          label: t(which === 'start' ? 'roster.start' : 'roster.end'),
        },
        t,
      );
      input.addEventListener('change', () => {
        row[which] = clockOf(input) ?? input.value.trim();
      });
      return input;
    };
    const remove = h(
      'button',
      {
        type: 'button',
        className: 'link',
        'aria-label': t('roster.removeShift', row),
        onclick: () => {
          grid.rows.splice(index, 1);
          const moved = new Map<string, number[]>();
          for (const [key, ids] of grid.cells) {
            const [r, d] = key.split('/').map(Number) as [number, number];
            if (r !== index) moved.set(`${r > index ? r - 1 : r}/${d}`, ids);
          }
          grid.cells = moved;
          draw();
        },
      },
      '×',
    );
    return h('th', { scope: 'row' }, h('div', { className: 'times' }, time('start'), time('end'), remove));
  };

  const draw = () => {
    table.replaceChildren(
      h('caption', { className: 'sr-only' }, t('roster.title')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('roster.shift')),
          WEEKDAYS.map((d) => h('th', { scope: 'col' }, t(`weekday.${d}`))),
        ),
      ),
      h(
        'tbody',
        {},
        grid.rows.map((_, index) =>
          h(
            'tr',
            {},
            rowHead(index),
            WEEKDAYS.map((d) => cellView(index, d)),
          ),
        ),
      ),
    );
  };
  draw();

  if (!editable) return h('div', {}, grid.rows.length === 0 ? h('p', {}, t('roster.empty')) : wrap);
  const addShift = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        grid.rows.push({ start: '07:30', end: '17:00' });
        draw();
      },
    },
    t('roster.addShift'),
  );
  const save = h('button', { type: 'button', className: 'primary' }, t('roster.save'));
  const box = h(
    'div',
    { className: 'roster-editor' },
    h('p', { className: 'hint' }, t('roster.hint')),
    wrap,
    errors,
    h('div', { className: 'actions' }, addShift, save),
  );
  save.addEventListener('click', () => {
    void busy(box, async () => {
      try {
        const stored = await api.putShifts(unit.id, shiftsOf(grid));
        const fresh = gridOf(Array.isArray(stored) ? stored : await api.shifts(unit.id));
        grid.rows = fresh.rows;
        grid.cells = fresh.cells;
        draw();
        showError(errors, '');
        ctx.announce(t('app.saved'));
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  return box;
}
