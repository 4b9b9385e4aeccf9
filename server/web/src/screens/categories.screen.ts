import type { AppContext } from '../context';
import { field, h } from '../dom';
import type { Category } from '../types';
import { busy, errorText, section, showError } from '../ui';

function categoryRow(ctx: AppContext, category: Category, reload: () => void): HTMLElement {
  const { t, api } = ctx;
  const name = h('input', { name: 'name', value: category.name, required: true, maxlength: 100 });
  const active = h('input', { type: 'checkbox', name: 'active', checked: category.active });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'category-row' },
    field(t('categories.name'), name),
    h('label', { className: 'check' }, active, ` ${t('categories.active')}`),
    h('button', { type: 'submit' }, t('categories.save')),
    errors,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const patch = {
      ...(name.value.trim() !== category.name && { name: name.value.trim() }),
      ...(active.checked !== category.active && { active: active.checked }),
    };
    if (Object.keys(patch).length === 0) return;
    void busy(form, async () => {
      try {
        await api.patchCategory(category.id, patch);
        ctx.announce(t('app.saved'));
        reload();
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  return h('li', {}, form);
}

/** The categories officials file tickets under (admins): add, rename (tickets follow), retire. */
export async function categoriesScreen(ctx: AppContext): Promise<HTMLElement> {
  const { t, api } = ctx;
  const categories = await api.categories();
  const reload = () => ctx.navigate(location.hash);
  const name = h('input', { name: 'name', required: true, maxlength: 100 });
  const errors = h('div', {});
  const add = h(
    'form',
    { className: 'category-add' },
    field(t('categories.name'), name),
    errors,
    h('button', { type: 'submit', className: 'primary' }, t('categories.add')),
  );
  add.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(add, async () => {
      try {
        await api.createCategory(name.value.trim());
        ctx.announce(t('app.saved'));
        reload();
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  return h(
    'div',
    { className: 'categories-page' },
    h('h1', {}, t('categories.title')),
    h('p', { className: 'hint' }, t('categories.hint')),
    section(t('categories.add'), add),
    h(
      'ul',
      { className: 'categories' },
      categories.map((category) => categoryRow(ctx, category, reload)),
    ),
  );
}
