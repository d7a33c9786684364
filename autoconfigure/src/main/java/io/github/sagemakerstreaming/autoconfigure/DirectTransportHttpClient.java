package io.github.sagemakerstreaming.autoconfigure;

import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * The HTTP client that the auto-configured SDK client and the direct transport share, so
 * that both draw on one connection pool; closed with the context.
 *
 * @param httpClient the HTTP client, built from {@code sagemaker.runtime.http.*}
 */
record DirectTransportHttpClient(SdkAsyncHttpClient httpClient) implements AutoCloseable {

	@Override
	public void close() {
		this.httpClient.close();
	}

}
