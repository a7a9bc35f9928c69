// The demo page: starts its parts and opens the repository named in the fields.

import { initConnection } from './connection.js';
import { initDeployment } from './deployment.js';
import { initRepository, openRepo } from './repository.js';

initConnection();
initDeployment();
initRepository();
document.getElementById('boot').hidden = true;
document.documentElement.dataset.ready = 'true';
openRepo();
