export type {
  AdapterConformanceOptions,
  ConformanceProvider,
  ConformanceSigner,
} from './adapter-conformance.js';
export { runAdapterConformance } from './adapter-conformance.js';
export type { ConformanceReceiver, MountAdapter, MountedAdapter } from './conformance-support.js';
export {
  CONFORMANCE_BODY_TIMEOUT_MS,
  CONFORMANCE_MAX_BODY_BYTES,
  failingPublicUrl,
} from './conformance-support.js';
export type { FakeClock } from './fake-clock.js';
export { createFakeClock } from './fake-clock.js';
export type { TestCredentials } from './provider-credentials.js';
export { createTestScheme, testCredentials, testSecret } from './provider-credentials.js';
export type { GithubExampleRoute } from './samples/catalog/github.js';
export type { StripeFixtureType } from './samples/catalog/stripe-fixtures.js';
export type { SampleProvider } from './samples/index.js';
export { findSample, loadableSampleEvents, loadSample, sampleEvents, samples } from './samples/index.js';
export type { Sample, SampleFactory, SampleOptions } from './samples/sample.js';
export { senderBackoff } from './sender-backoff.js';
export type { SignDeliveryOptions, SignedDelivery } from './signed-request.js';
export { createSignedRequest, signDelivery } from './signed-request.js';
export type { SignedUrlDelivery } from './signed-url.js';
export { toSignedUrl } from './signed-url.js';
export type {
  AttemptReport,
  DeliverySource,
  ScenarioName,
  ScenarioOptions,
  SimulationReport,
  SimulationTarget,
} from './simulate.js';
export { simulate } from './simulate.js';
export type { CreateStore, StoreConformanceOptions } from './store-conformance.js';
export { runStoreConformance } from './store-conformance.js';
export type { TestApi } from './test-api.js';
export type { KeyPairProvider, TestKeyPair } from './test-keys.js';
export { generateTestKeys } from './test-keys.js';
