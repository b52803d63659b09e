// One import for tests: fake Web API + file host + response_url sink, fake Socket Mode, signer and payload builders.
export * from './fake-slack.js';
export * from './fake-socket-mode.js';
export * from './sign.js';
