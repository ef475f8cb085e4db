import { WelcomeBackCue } from '../continuity/WelcomeBackCue';

/**
 * A slot on the record-contact form for the welcome-back cue (continuity.welcomeBack), filled in by
 * the continuity screens. `at` is when the contact happens, as an ISO instant.
 */
export function WelcomeBackSlot({ personId, at }: { personId: number; at: string }) {
  return <WelcomeBackCue personId={personId} at={at} />;
}
