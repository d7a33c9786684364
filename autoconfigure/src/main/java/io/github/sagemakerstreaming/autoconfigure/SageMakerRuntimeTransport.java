package io.github.sagemakerstreaming.autoconfigure;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * The transport that {@code sagemaker.runtime.transport} chooses, read when the context
 * starts rather than by a condition, so that an application processed ahead of time
 * streams on the transport its deployment names. On the direct transport, it holds the
 * HTTP client that the auto-configured SDK client and the direct transport share, so that
 * both draw on one connection pool, and closes it with the context.
 */
final class SageMakerRuntimeTransport implements AutoCloseable {

	private final @Nullable SdkAsyncHttpClient directHttpClient;

	private SageMakerRuntimeTransport(@Nullable SdkAsyncHttpClient directHttpClient) {
		this.directHttpClient = directHttpClient;
	}

	/**
	 * Returns the transport that the properties choose; for the direct one, with an HTTP
	 * client built from {@code sagemaker.runtime.http.*}.
	 * @param properties the properties
	 * @return the transport
	 */
	static SageMakerRuntimeTransport of(SageMakerRuntimeProperties properties) {
		return new SageMakerRuntimeTransport((properties.getTransport() == SageMakerRuntimeProperties.Transport.DIRECT)
				? SageMakerRuntimeClientConfigurer.httpClient(properties).build() : null);
	}

	/**
	 * Returns the HTTP client of the direct transport.
	 * @return the HTTP client, or {@code null} when streams go through the SDK client
	 */
	@Nullable SdkAsyncHttpClient directHttpClient() {
		return this.directHttpClient;
	}

	@Override
	public void close() {
		if (this.directHttpClient != null) {
			this.directHttpClient.close();
		}
	}

}
