import 'reflect-metadata';
import { startTrackLayer } from '../../api/src/process.bootstrap';

void startTrackLayer({ ...process.env, TRACKLAYER_ROLES: 'worker' });
