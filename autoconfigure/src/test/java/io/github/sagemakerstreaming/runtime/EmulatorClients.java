package io.github.sagemakerstreaming.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;

/**
 * Real SDK clients pointed at an emulator, configured as a user would (SDK retries left
 * at their default to prove the template switches them off).
 */
public final class EmulatorClients {

	private EmulatorClients() {
	}

	public static SageMakerRuntimeAsyncClient create(SageMakerEmulator emulator) {
		return builder(emulator, NettyNioAsyncHttpClient.builder().maxConcurrency(500)).build();
	}

	static SageMakerRuntimeAsyncClientBuilder builder(SageMakerEmulator emulator,
			NettyNioAsyncHttpClient.Builder http) {
		return pointedAt(emulator).httpClientBuilder(http.readTimeout(Duration.ofSeconds(30)));
	}

	private static SageMakerRuntimeAsyncClientBuilder pointedAt(SageMakerEmulator emulator) {
		return pointedAt(emulator.endpointOverride());
	}

	private static SageMakerRuntimeAsyncClientBuilder pointedAt(URI endpointOverride) {
		return SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(endpointOverride);
	}

	/**
	 * Creates a client with an HTTP client of its own that both transports can use.
	 */
	static EmulatorClient shared(SageMakerEmulator emulator, NettyNioAsyncHttpClient.Builder http) {
		return shared(emulator, http, (client) -> {
		});
	}

	/**
	 * Creates a client pointed at any loopback server, with an HTTP client of its own
	 * that both transports can use.
	 */
	static EmulatorClient shared(URI endpointOverride, NettyNioAsyncHttpClient.Builder http) {
		return shared(endpointOverride, http, (client) -> {
		});
	}

	/**
	 * Creates a client pointed at any loopback server, customised, with an HTTP client of
	 * its own that both transports can use.
	 */
	static EmulatorClient shared(URI endpointOverride, NettyNioAsyncHttpClient.Builder http,
			Consumer<SageMakerRuntimeAsyncClientBuilder> customizer) {
		CountingHttpClient counting = new CountingHttpClient(http.build());
		SageMakerRuntimeAsyncClientBuilder builder = pointedAt(endpointOverride).httpClient(counting);
		customizer.accept(builder);
		return new EmulatorClient(builder.build(), counting);
	}

	/**
	 * Creates a client, customised, with an HTTP client of its own that both transports
	 * can use and that counts the requests sent on it. The Netty client keeps its own
	 * read timeout (30 s unless set).
	 */
	static EmulatorClient shared(SageMakerEmulator emulator, NettyNioAsyncHttpClient.Builder http,
			Consumer<SageMakerRuntimeAsyncClientBuilder> customizer) {
		CountingHttpClient counting = new CountingHttpClient(http.build());
		SageMakerRuntimeAsyncClientBuilder builder = pointedAt(emulator).httpClient(counting);
		customizer.accept(builder);
		return new EmulatorClient(builder.build(), counting);
	}

	/**
	 * A client and the HTTP client it sends on, which the test closes.
	 *
	 * @param client the SDK client
	 * @param http its HTTP client
	 */
	record EmulatorClient(SageMakerRuntimeAsyncClient client, CountingHttpClient http) implements AutoCloseable {

		@Override
		public void close() {
			this.client.close();
			this.http.close();
		}

	}

	/**
	 * An HTTP client that counts the requests it is given, whichever transport gives
	 * them: each is one attempt.
	 */
	static final class CountingHttpClient implements SdkAsyncHttpClient {

		private final SdkAsyncHttpClient delegate;

		private final AtomicInteger requests = new AtomicInteger();

		CountingHttpClient(SdkAsyncHttpClient delegate) {
			this.delegate = delegate;
		}

		AtomicInteger requests() {
			return this.requests;
		}

		@Override
		public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
			this.requests.incrementAndGet();
			return this.delegate.execute(request);
		}

		@Override
		public String clientName() {
			return this.delegate.clientName();
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
