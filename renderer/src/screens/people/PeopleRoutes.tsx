import type { SessionInfo } from '../../../../shared/contract';
import { NotFoundPage } from '../shell/NotFoundPage';
import { ContactPage } from './contact/ContactPage';
import { PeopleListPage } from './PeopleListPage';
import { parsePeopleRoute } from './people-route';
import { AddPersonPage, EditPersonPage } from './PersonFormPages';
import { PersonPage } from './PersonPage';
import './people.css';

/** Every screen under #/people. */
export function PeopleRoutes({ route, info }: { route: string; info: SessionInfo }) {
  const r = parsePeopleRoute(route);
  if (!r) return <NotFoundPage />;
  switch (r.screen) {
    case 'list':
      return <PeopleListPage info={info} />;
    case 'add':
      return <AddPersonPage info={info} />;
    case 'person':
      return <PersonPage id={r.id} info={info} />;
    case 'edit':
      return <EditPersonPage id={r.id} info={info} />;
    case 'contact':
      return <ContactPage personId={r.id} contactId={r.contactId} info={info} />;
  }
}
