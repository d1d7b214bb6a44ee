// The first-run screen.
export default {
  intro: 'Connect your Aidge account to start tracking tasks.',
  foot: 'Find the access key on the Aidge console under “API keys”. Nothing is sent anywhere but the Aidge gateway.'
} as const
