package io.github.sagemakerstreaming.runtime;

import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;

/**
 * The two ways a template streams, for the suites that run on both.
 */
enum Transport {

	/** Through the SDK client's {@code invokeEndpointWithResponseStream}. */
	SDK,

	/** On the direct transport, over the same HTTP client. */
	DIRECT;

	/**
	 * Starts a template that streams on this transport.
	 */
	StreamingInferenceTemplate.Builder template(EmulatorClient client) {
		return StreamingInferenceTemplate.builder(client.client())
			.directTransport((this == DIRECT) ? client.http() : null);
	}

}
