export { startMocks, type RunningMocks } from './start.js';
export { FAULTS, parseFaults, type FaultInfo, type FaultName } from './faults.js';
export { resolveConfig, MockClock, type MockConfig, type MockOptions } from './config.js';
