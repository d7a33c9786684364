package io.github.sagemakerstreaming.runtime;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.sagemakerstreaming.runtime.direct.DirectEndpoints;
import io.github.sagemakerstreaming.runtime.direct.ResponseStreamRequests;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * What the direct transport takes from a client and an HTTP client: where calls go, how
 * they are signed, what sends them, and where their metrics are published.
 */
final class DirectTransport {

	private final SdkAsyncHttpClient httpClient;

	private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;

	private final ResponseStreamRequests requests;

	private final List<MetricPublisher> metricPublishers;

	DirectTransport(SageMakerRuntimeAsyncClient client, SdkAsyncHttpClient httpClient) {
		SageMakerRuntimeServiceClientConfiguration configuration = client.serviceClientConfiguration();
		this.httpClient = httpClient;
		this.credentials = configuration.credentialsProvider();
		this.requests = new ResponseStreamRequests(DirectEndpoints.resolve(client), configuration.region());
		this.metricPublishers = configuration.overrideConfiguration().metricPublishers();
	}

	SdkAsyncHttpClient httpClient() {
		return this.httpClient;
	}

	/**
	 * Resolves the credentials and signs a call with them, as of now.
	 */
	CompletableFuture<SdkHttpRequest> signed(InvokeEndpointWithResponseStreamRequest request) {
		return this.credentials.resolveIdentity()
			.thenApply((credentials) -> this.requests.signed(request, credentials, UUID.randomUUID().toString(),
					Clock.systemUTC()));
	}

	void publish(MetricCollection metrics) {
		this.metricPublishers.forEach((publisher) -> publisher.publish(metrics));
	}

}
