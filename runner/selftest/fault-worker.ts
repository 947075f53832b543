/**
 * A worker thread of the self-test (computeFaultMatrix with workers): computes the rows of
 * the faults it is given, posting each to the parent as it is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { faultRow, type FaultWorkerData } from './fault-matrix.js';

const { cases, faults, concurrency } = workerData as FaultWorkerData;
for (const fault of faults) parentPort!.postMessage(await faultRow(cases, fault, concurrency));
