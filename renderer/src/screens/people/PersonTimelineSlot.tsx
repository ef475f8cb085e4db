import { PersonContinuity } from '../continuity/PersonContinuity';

/** A slot right after the person page's header for the engagement timeline, filled in by the continuity screens. */
export function PersonTimelineSlot({ personId }: { personId: number }) {
  return <PersonContinuity personId={personId} />;
}
