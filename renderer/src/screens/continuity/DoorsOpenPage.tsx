import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import type { DoorOpenItem, SessionInfo } from '../../../../shared/contract';
import { calendarDay } from '../../../../shared/continuity/days';
import { appErrorOf } from '../../api/invoke';
import { useSessionInfo } from '../../api/queries';
import { replaceRoute } from '../../app/hash-route';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { formatLongDay, lengthOfTime } from '../../components/dates';
import { capitalise, personLabel, personSecondary } from './format';
import { personHref } from './links';
import { OutreachDialog } from './OutreachDialog';
import { useDoorPosition, useDoors } from '../../api/continuity-queries';
import { ReachDetails } from './ReachDetails';
import { draftKey, useDiscardDraft, useDraftList } from '../../api/draft-queries';
import { WaitingDraftOffer } from '../../app/drafts/DraftOffer';
import './continuity.css';
import { doorsPrintHref } from '../printouts/print-route';

const PAGE_SIZE = 20;
type Order = 'recently_away' | 'longest_away';

/** The last outreach attempt, so two people do not text the same person on the same afternoon. */
export function LastOutreach({ outreach }: { outreach: DoorOpenItem['lastOutreach'] }) {
  const { t } = useTranslation();
  const timeZone = useSessionInfo().data?.settings.timeZone ?? 'UTC';
  if (!outreach) return <p className="cx-muted">{t('doors.lastOutreach.none')}</p>;
  return (
    <p className="cx-last-outreach">
      {t(outreach.reached ? 'doors.lastOutreach.reached' : 'doors.lastOutreach.notReached', {
        day: formatLongDay(calendarDay(outreach.at, timeZone)),
        staff: outreach.staffName,
        method: t(`doors.outreach.methods.${outreach.method}`).toLowerCase(),
      })}
      {outreach.note ? <span className="cx-their-words"> “{outreach.note}”</span> : null}
    </p>
  );
}

interface DoorCardProps {
  item: DoorOpenItem;
  headingLevel?: 2 | 3;
  /** Opened from an address (Continue on the home screen's unsaved work): the outreach dialog opens at once. */
  outreachNow?: boolean;
  /** That dialog was closed (saved or not). */
  onOutreachClosed?(): void;
}

/** One person whose door is open: how long it has been, how to reach them safely, and who tried last. */
export function DoorCard({ item, headingLevel = 2, outreachNow = false, onOutreachClosed }: DoorCardProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const cardRef = useRef<HTMLLIElement>(null);
  // Asked for by the address: as if its button had been pressed, the card comes into view, the button
  // takes focus (the dialog gives it back there when it closes), and the dialog opens with a note kept
  // from before offered in it.
  useEffect(() => {
    if (!outreachNow || item.reach.doNotContact) return;
    const card = cardRef.current;
    card?.scrollIntoView({ block: 'center' });
    card?.querySelector<HTMLElement>('[data-outreach-open]')?.focus({ preventScroll: true });
    const frame = requestAnimationFrame(() => setOpen(true));
    return () => cancelAnimationFrame(frame);
  }, [outreachNow, item.reach.doNotContact]);
  const [resume, setResume] = useState(false);
  const [saved, setSaved] = useState(false);
  const drafts = useDraftList(!item.reach.doNotContact);
  const discard = useDiscardDraft();
  const waiting = item.reach.doNotContact || open ? undefined : drafts.data?.find((d) => d.key === draftKey.outreach(item.person.id));
  const name = personLabel(item.person);
  const code = personSecondary(item.person);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="cx-door-card" data-testid="door-card" ref={cardRef}>
      <div className="cx-door-card-head">
        <H className="cx-door-card-name">
          <a href={personHref(item.person.id)}>{name}</a>
          {item.person.pronouns ? <span className="cx-door-card-pronouns"> ({item.person.pronouns})</span> : null}
        </H>
        {code ? <span className="cx-muted">{code}</span> : null}
      </div>
      <p className="cx-door-card-away">
        <strong>{t('doors.sinceLast', { length: lengthOfTime(t, item.daysAway, item.lastContactDay) })}</strong>{' '}
        <span className="cx-muted">{t('doors.lastContact', { day: formatLongDay(item.lastContactDay) })}</span>
      </p>
      <ReachDetails reach={item.reach} />
      <LastOutreach outreach={item.lastOutreach} />
      {/* Do not contact means no outreach action at all: no button, no dialog. */}
      {item.reach.doNotContact ? null : (
        <>
          {waiting ? (
            <WaitingDraftOffer
              summary={waiting}
              onContinue={() => {
                setResume(true);
                setOpen(true);
              }}
              onDiscard={() => discard.mutate(waiting.key)}
              isDiscarding={discard.isPending}
            />
          ) : null}
          <div className="cx-door-card-actions">
            <ActionButton onPress={() => setOpen(true)} data-outreach-open>
              {t('doors.outreach.open')}
            </ActionButton>
            {saved ? (
              <span role="status" className="cx-door-card-saved">
                {t('doors.outreach.saved')}
              </span>
            ) : null}
          </div>
          <OutreachDialog
            item={item}
            name={name}
            isOpen={open}
            onOpenChange={(o) => {
              setOpen(o);
              if (o) return;
              setResume(false);
              if (outreachNow) onOutreachClosed?.();
            }}
            onSaved={() => setSaved(true)}
            resume={resume}
          />
        </>
      )}
    </li>
  );
}

/**
 * An outreach note kept for someone whose door is no longer open (they came by since): nothing to
 * reach out about now, so the note is only kept until it is discarded, here or on the home screen.
 */
function OutreachNotHere({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const drafts = useDraftList();
  const discard = useDiscardDraft();
  const kept = drafts.data?.find((d) => d.key === draftKey.outreach(personId));
  if (!kept) return null;
  return (
    <Notice tone="info">
      <p>{t('doors.outreach.notHere', { name: kept.personLabel ?? capitalise(t('drafts.someone')) })}</p>
      <ActionButton variant="quiet" isPending={discard.isPending} onPress={() => discard.mutate(kept.key, { onSuccess: () => replaceRoute('/doors') })}>
        {t('doors.outreach.discardKept')}
      </ActionButton>
    </Notice>
  );
}

/**
 * Door's open: the people whose last contact was longer ago than the clinic's threshold. Never
 * "lost": time away is part of the pattern, and this is where the team sees who they might reach.
 */
export function DoorsOpenPage({ info, outreachFor = null }: { info: SessionInfo; outreachFor?: number | null }) {
  const { t } = useTranslation();
  useDocumentTitle(t('doors.title'));
  const { people } = usePeopleWords(info.settings.peopleWord);
  const [order, setOrder] = useState<Order>('recently_away');
  const [page, setPage] = useState(0);
  const doors = useDoors(order, page * PAGE_SIZE, PAGE_SIZE);
  // An address naming someone (/doors/outreach/12): the page that lists them, with their dialog open.
  const position = useDoorPosition(outreachFor, order);
  const outreachPage = typeof position.data === 'number' ? Math.floor(position.data / PAGE_SIZE) : null;
  const [placed, setPlaced] = useState<string | null>(null);
  const place = outreachPage !== null ? `${outreachFor}:${outreachPage}` : null;
  if (place !== null && place !== placed) {
    setPlaced(place);
    setPage(outreachPage!);
  }
  const notHere = outreachFor !== null && position.data === null;
  const listId = useId();
  const total = doors.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="page cx-doors-page">
      <PageHeading>{t('doors.title')}</PageHeading>
      <p className="lead">{t('doors.intro', { People: capitalise(people), count: info.settings.absenceThresholdDays })}</p>
      <p className="screen-only">
        <a href={doorsPrintHref}>{t('doorsPrint.open')}</a>
      </p>
      {notHere ? <OutreachNotHere personId={outreachFor} /> : null}
      <div className="cx-doors-controls">
        <ToggleButtonGroup
          aria-label={t('doors.order.label')}
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[order]}
          onSelectionChange={(keys) => {
            const next = [...keys][0];
            if (next === 'recently_away' || next === 'longest_away') {
              setOrder(next);
              setPage(0);
            }
          }}
          className="cx-segmented"
        >
          <ToggleButton id="recently_away" className="cx-segmented-button">
            {t('doors.order.recently')}
          </ToggleButton>
          <ToggleButton id="longest_away" className="cx-segmented-button">
            {t('doors.order.longest')}
          </ToggleButton>
        </ToggleButtonGroup>
        {doors.data && total > 0 ? (
          <p className="cx-muted" aria-live="polite">
            {t('doors.showing', { from: page * PAGE_SIZE + 1, to: Math.min(total, (page + 1) * PAGE_SIZE), total })}
          </p>
        ) : null}
      </div>

      {doors.isPending ? (
        <p role="status">{t('doors.loading')}</p>
      ) : doors.isError ? (
        <Notice tone="error">{appErrorOf(doors.error).message}</Notice>
      ) : total === 0 ? (
        <p className="cx-calm-note">{t('doors.empty', { people })}</p>
      ) : (
        <>
          <ul id={listId} className="cx-door-list" aria-busy={doors.isPlaceholderData}>
            {doors.data.items.map((item) => (
              <DoorCard
                key={item.person.id}
                item={item}
                outreachNow={item.person.id === outreachFor && page === outreachPage && !doors.isPlaceholderData}
                onOutreachClosed={() => replaceRoute('/doors')}
              />
            ))}
          </ul>
          {pages > 1 ? (
            <nav className="cx-pager" aria-label={t('doors.pager.label')}>
              <ActionButton isDisabled={page === 0} onPress={() => setPage((p) => Math.max(0, p - 1))} aria-controls={listId}>
                {t('doors.pager.previous')}
              </ActionButton>
              <span>{t('doors.pager.page', { page: page + 1, pages })}</span>
              <ActionButton isDisabled={page + 1 >= pages} onPress={() => setPage((p) => p + 1)} aria-controls={listId}>
                {t('doors.pager.next')}
              </ActionButton>
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
