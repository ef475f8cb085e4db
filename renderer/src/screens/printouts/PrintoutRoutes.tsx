import type { SessionInfo } from '../../../../shared/contract';
import { DoorsPrintout } from './DoorsPrintout';
import { PersonSummaryPage } from './PersonSummaryPage';
import type { PrintRoute } from './print-route';
import './printouts.css';

/** Every screen under #/print. */
export function PrintoutRoutes({ route, info }: { route: PrintRoute; info: SessionInfo }) {
  return route.screen === 'person' ? <PersonSummaryPage personId={route.id} info={info} /> : <DoorsPrintout info={info} />;
}
