import { stopHubServer } from '../../core/hub/server';
import { defineCommand } from '../command';
import { EXIT, line } from '../io';
import { SERVER_DIR_FLAG } from './hub-server-shared';

const NAME = 'hub stop';

export const hubStopCommand = defineCommand({
  name: NAME,
  summary: "Stop the clinic hub's own server running from a folder on this computer (what is saved is kept).",
  flags: { 'data-dir': { ...SERVER_DIR_FLAG, required: true } },
  notes: ['Workstations say calmly that the hub is out of reach, keep what is being typed, and reconnect when it is back.'],
  async run(values, { io }) {
    const dir = values['data-dir'];
    if (await stopHubServer(dir)) line(io.stdout, `The clinic hub's server in ${dir} has stopped. Everything saved is kept.`);
    else line(io.stdout, `No clinic hub server is running in ${dir}. Nothing was changed.`);
    return EXIT.ok;
  },
});
