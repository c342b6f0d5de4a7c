import 'reflect-metadata';
import { startApi } from './api.bootstrap';

void startApi(process.env);
