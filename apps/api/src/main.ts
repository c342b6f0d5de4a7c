import 'reflect-metadata';
import { startTrackLayer } from './process.bootstrap';

void startTrackLayer(process.env);
