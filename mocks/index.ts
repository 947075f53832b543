export { startMocks, type RunningMocks } from './start.js';
export { FAULTS, parseFaults, UnknownFault, type FaultInfo } from './faults.js';
export { resolveConfig, MockClock, type MockConfig, type MockOptions } from './config.js';
