import 'reflect-metadata';
import { startWorker } from './worker.bootstrap';

void startWorker(process.env);
