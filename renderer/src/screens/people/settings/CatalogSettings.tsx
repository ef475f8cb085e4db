import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../../shared/contract';
import { appErrorOf } from '../../../api/invoke';
import { useCatalog, useCatalogChanged } from '../../../api/people-queries';
import { useApiMutation } from '../../../api/queries';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { TextInput } from '../../../components/TextInput';
import { ValidatedForm } from '../../../components/ValidatedForm';
import { useFieldErrors } from '../../../components/use-field-errors';
import { SelectField } from '../../../components/SelectField';

type Kind = CatalogItem['kind'];
/** Categories Doorway itself understands: naloxone is counted and listed first on a contact. */
const CATEGORIES = ['naloxone', 'syringes', 'test_strips', 'safer_use', 'wound_care', 'none'] as const;
type Category = (typeof CATEGORIES)[number];
const categoryOf = (c: string | null): Category => ((CATEGORIES as readonly string[]).includes(c ?? '') ? (c as Category) : 'none');

/**
 * The services and supplies offered at this site. Items are turned off rather than deleted, so past
 * contacts keep what was given.
 */
export function CatalogSettings() {
  const { t } = useTranslation();
  const catalog = useCatalog(true);
  if (catalog.isPending) return <p role="status">{t('catalog.loading')}</p>;
  if (catalog.isError) return <Notice tone="error">{appErrorOf(catalog.error).message}</Notice>;
  return (
    <>
      <CatalogList kind="service" items={catalog.data.filter((i) => i.kind === 'service')} />
      <CatalogList kind="supply" items={catalog.data.filter((i) => i.kind === 'supply')} />
    </>
  );
}

function CatalogList({ kind, items }: { kind: Kind; items: CatalogItem[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [status, onStatus] = useState<string | null>(null);
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{kind === 'service' ? t('catalog.servicesTitle') : t('catalog.suppliesTitle')}</h2>
      <p className="section-intro">{kind === 'service' ? t('catalog.servicesIntro') : t('catalog.suppliesIntro')}</p>
      <p role="status" className="section-status">
        {status}
      </p>
      <ul className="catalog-list">
        {items.map((item) => (
          <CatalogRow key={item.id} item={item} onStatus={onStatus} />
        ))}
      </ul>
      <AddItem kind={kind} onStatus={onStatus} />
    </section>
  );
}

function CatalogRow({ item, onStatus }: { item: CatalogItem; onStatus(message: string): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const changed = useCatalogChanged();
  const toggle = useApiMutation('catalog.update', {
    onSuccess: (v) => {
      void changed();
      onStatus(v.active ? t('catalog.turnedOn', { label: v.label }) : t('catalog.turnedOff', { label: v.label }));
    },
  });
  if (editing) {
    return (
      <li className="catalog-row catalog-row-editing">
        <EditItem item={item} onDone={(message) => {
          setEditing(false);
          if (message) onStatus(message);
        }} />
      </li>
    );
  }
  return (
    <li className={item.active ? 'catalog-row' : 'catalog-row catalog-row-off'}>
      <span className="catalog-label">{item.label}</span>
      {item.kind === 'supply' ? <span className="chip">{t(`catalog.categories.${categoryOf(item.category)}`)}</span> : null}
      {item.active ? null : <span className="muted">{t('catalog.off')}</span>}
      <span className="catalog-actions">
        <ActionButton variant="quiet" className="button-small" onPress={() => setEditing(true)} aria-label={t('catalog.editLabel', { label: item.label })}>
          {t('catalog.edit')}
        </ActionButton>
        <ActionButton
          className="button-small"
          isPending={toggle.isPending}
          onPress={() => toggle.mutate({ id: item.id, active: !item.active })}
          aria-label={item.active ? t('catalog.turnOffLabel', { label: item.label }) : t('catalog.turnOnLabel', { label: item.label })}
        >
          {item.active ? t('catalog.turnOff') : t('catalog.turnOn')}
        </ActionButton>
      </span>
      {toggle.isError ? <p role="alert" className="field-error">{appErrorOf(toggle.error).message}</p> : null}
    </li>
  );
}

function EditItem({ item, onDone }: { item: CatalogItem; onDone(message: string | null): void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState(item.label);
  const [category, setCategory] = useState<Category>(categoryOf(item.category));
  const { formRef, scope, setErrors } = useFieldErrors();
  const changed = useCatalogChanged();
  const update = useApiMutation('catalog.update', {
    onSuccess: (v) => {
      void changed();
      onDone(t('catalog.saved', { label: v.label }));
    },
    onError: ({ error }) => setErrors({ label: error.fields?.label ?? error.message }),
  });
  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="catalog-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (label.trim() === '') {
          setErrors({ label: t('catalog.labelNeeded') });
          return;
        }
        update.mutate({ id: item.id, label: label.trim(), ...(item.kind === 'supply' ? { category: category === 'none' ? null : category } : {}) });
      }}
    >
      <TextInput label={t('catalog.label')} name="label" value={label} onChange={setLabel} autoFocus />
      {item.kind === 'supply' ? <CategoryField value={category} onChange={setCategory} /> : null}
      <div className="catalog-form-actions">
        <ActionButton type="submit" variant="primary" className="button-small" isPending={update.isPending}>
          {t('catalog.save')}
        </ActionButton>
        <ActionButton variant="quiet" className="button-small" onPress={() => onDone(null)}>
          {t('catalog.cancel')}
        </ActionButton>
      </div>
    </ValidatedForm>
  );
}

function CategoryField({ value, onChange }: { value: Category; onChange(c: Category): void }) {
  const { t } = useTranslation();
  return <SelectField label={t('catalog.category')} name="category" value={value} options={CATEGORIES.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))} onChange={onChange} />;
}

function AddItem({ kind, onStatus }: { kind: Kind; onStatus(message: string): void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [category, setCategory] = useState<Category>('none');
  const { formRef, scope, setErrors } = useFieldErrors();
  const changed = useCatalogChanged();
  const create = useApiMutation('catalog.create', {
    onSuccess: (v) => {
      void changed();
      setLabel('');
      setCategory('none');
      onStatus(t('catalog.added', { label: v.label }));
    },
    onError: ({ error }) => setErrors({ label: error.fields?.label ?? error.message }),
  });
  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="catalog-form catalog-add"
      onSubmit={(e) => {
        e.preventDefault();
        if (label.trim() === '') {
          setErrors({ label: t('catalog.labelNeeded') });
          return;
        }
        create.mutate({ kind, label: label.trim(), category: kind === 'supply' && category !== 'none' ? category : null });
      }}
    >
      <TextInput label={kind === 'service' ? t('catalog.newService') : t('catalog.newSupply')} name="label" value={label} onChange={setLabel} />
      {kind === 'supply' ? <CategoryField value={category} onChange={setCategory} /> : null}
      <div className="catalog-form-actions">
        <ActionButton type="submit" className="button-small" isPending={create.isPending}>
          {kind === 'service' ? t('catalog.addService') : t('catalog.addSupply')}
        </ActionButton>
      </div>
    </ValidatedForm>
  );
}
