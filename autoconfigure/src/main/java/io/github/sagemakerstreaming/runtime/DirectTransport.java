package io.github.sagemakerstreaming.runtime;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.sagemakerstreaming.runtime.direct.DirectEndpoints;
import io.github.sagemakerstreaming.runtime.direct.ResponseStreamRequests;
import io.github.sagemakerstreaming.runtime.direct.ServiceErrors;
import io.github.sagemakerstreaming.runtime.direct.SigningClock;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.MonoSink;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricCollector;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.NoOpMetricCollector;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * Streams on the direct transport: signs the call with the client's credentials, at this
 * machine's time corrected as the SDK client corrects it for a skewed clock, sends it on
 * an SDK HTTP client, and gives the response's bytes to a {@link DirectResponse}. Its
 * failures are the SDK client's: the SDK's exception types for SageMaker's errors, and an
 * {@code SdkClientException} around what the HTTP client throws. Each call's HTTP metrics
 * go to the client's metric publishers, and are not collected when it has none.
 */
final class DirectTransport implements StreamTransport {

	private final SdkAsyncHttpClient httpClient;

	private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;

	private final ResponseStreamRequests requests;

	private final SigningClock clock = new SigningClock();

	private final List<MetricPublisher> metricPublishers;

	DirectTransport(SageMakerRuntimeAsyncClient client, SdkAsyncHttpClient httpClient) {
		SageMakerRuntimeServiceClientConfiguration configuration = client.serviceClientConfiguration();
		this.httpClient = httpClient;
		this.credentials = configuration.credentialsProvider();
		this.requests = new ResponseStreamRequests(DirectEndpoints.resolve(client), configuration.region());
		this.metricPublishers = configuration.overrideConfiguration().metricPublishers();
	}

	@Override
	public void open(InvokeEndpointWithResponseStreamRequest request, MonoSink<OpenStream<?>> sink) {
		MetricCollector call = this.metricPublishers.isEmpty() ? NoOpMetricCollector.create()
				: MetricCollector.create("ApiCall");
		int timeOffset = this.clock.offset();
		DirectAttempt attempt = new DirectAttempt(sink, () -> publish(call),
				(response, body) -> errorResponse(response, body, timeOffset));
		sink.onCancel(attempt::cancel);
		attempt.sends(this.credentials.resolveIdentity()
			.thenCompose((identity) -> attempt.sends(this.httpClient.execute(AsyncExecuteRequest.builder()
				.request(this.requests.signed(request, identity, UUID.randomUUID().toString(),
						SigningClock.correctedBy(timeOffset)))
				.requestContentPublisher(content(request.body().asByteArrayUnsafe()))
				.responseHandler(attempt)
				.metricCollector(call.createChild("ApiCallAttempt").createChild("HttpClient"))
				.build()))));
	}

	/**
	 * Reads an error response, and corrects the signing clock if it refused the request
	 * for the time it was signed at, as the SDK client does after each attempt.
	 */
	private SageMakerRuntimeException errorResponse(SdkHttpResponse response, byte[] body, int timeOffset) {
		SageMakerRuntimeException error = ServiceErrors.fromResponse(response, body, timeOffset);
		this.clock.correct(error);
		return error;
	}

	private void publish(MetricCollector call) {
		if (!this.metricPublishers.isEmpty()) {
			MetricCollection metrics = call.collect();
			this.metricPublishers.forEach((publisher) -> publisher.publish(metrics));
		}
	}

	private static SdkHttpContentPublisher content(byte[] body) {
		AsyncRequestBody content = AsyncRequestBody.fromBytesUnsafe(body);
		return new SdkHttpContentPublisher() {

			@Override
			public Optional<Long> contentLength() {
				return content.contentLength();
			}

			@Override
			public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
				content.subscribe(subscriber);
			}

		};
	}

}
