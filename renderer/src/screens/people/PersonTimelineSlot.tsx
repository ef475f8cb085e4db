import { PersonContinuity } from '../continuity/PersonContinuity';

/** A slot at the end of the person page for the engagement timeline, filled in by the continuity screens. */
export function PersonTimelineSlot({ personId }: { personId: number }) {
  return <PersonContinuity personId={personId} />;
}
