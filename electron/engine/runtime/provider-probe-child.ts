/**
 * Child-process entry of the provider probe: `provider-probe-child.ts <provider>`. Sends one
 * `ProbeChildMessage` to the parent and exits. Run only through `probeProvider`.
 */
import { EXECUTION_PROVIDERS, type ExecutionProviderName } from './execution-providers';
import { checkProvider } from './provider-check';
import { failureReason, type ProviderReport, unavailable } from './provider-report';

export interface ProbeChildMessage {
  report: ProviderReport;
}

const name = process.argv[2];
if (!EXECUTION_PROVIDERS.includes(name as ExecutionProviderName)) {
  process.stderr.write(`unknown execution provider: ${name}\n`);
  process.exit(2);
}

const provider = name as ExecutionProviderName;
const report = await checkProvider(provider).catch((error: unknown) =>
  unavailable(provider, failureReason(error)),
);
const message: ProbeChildMessage = { report };
// Exit right away: tearing down a GPU runtime can hang, and the parent already has the answer.
process.send?.(message, () => process.exit(0));
