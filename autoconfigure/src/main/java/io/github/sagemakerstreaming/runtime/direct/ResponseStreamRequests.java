package io.github.sagemakerstreaming.runtime.direct;

import java.net.URI;
import java.time.Clock;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Makes the HTTP request of an {@code InvokeEndpointWithResponseStream} call, signed with
 * the SDK's SigV4 signer, as the SDK client sends it: the same path, headers and
 * signature for the same request, credentials and signing instant.
 */
public final class ResponseStreamRequests {

	/** The name SageMaker Runtime requests are signed for. */
	private static final String SIGNING_NAME = "sagemaker";

	/**
	 * Each request of the direct transport is one attempt: the template retries by
	 * sending a new one.
	 */
	private static final String ONE_ATTEMPT = "attempt=1; max=1";

	private static final String USER_AGENT = "sagemaker-runtime-spring-boot/direct " + VersionInfo.SDK_VERSION;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	private final URI endpoint;

	private final Region region;

	/**
	 * Creates the requests of one endpoint URI and region.
	 * @param endpoint the SageMaker Runtime endpoint, as the SDK resolved it
	 * @param region the region the requests are signed for
	 */
	public ResponseStreamRequests(URI endpoint, Region region) {
		this.endpoint = endpoint;
		this.region = region;
	}

	/**
	 * Makes and signs the HTTP request of a call.
	 * @param request the call
	 * @param credentials the credentials to sign with
	 * @param invocationId the call's {@code amz-sdk-invocation-id}
	 * @param clock the clock of the signing instant
	 * @return the signed request; its body is the call's
	 */
	public SdkHttpRequest signed(InvokeEndpointWithResponseStreamRequest request, AwsCredentialsIdentity credentials,
			String invocationId, Clock clock) {
		SdkBytes body = request.body();
		SdkHttpFullRequest.Builder http = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(this.endpoint)
			.encodedPath(SdkHttpUtils.appendUri(this.endpoint.getRawPath(),
					"/endpoints/" + SdkHttpUtils.urlEncode(request.endpointName()) + "/invocations-response-stream"))
			.putHeader("amz-sdk-invocation-id", invocationId)
			.putHeader("amz-sdk-request", ONE_ATTEMPT)
			.putHeader("User-Agent", USER_AGENT)
			.putHeader("Content-Length", Integer.toString(body.asByteArrayUnsafe().length));
		BiConsumer<String, @Nullable String> header = (name, value) -> {
			if (value != null) {
				http.putHeader(name, value);
			}
		};
		header.accept("Content-Type", request.contentType());
		header.accept("X-Amzn-SageMaker-Accept", request.accept());
		header.accept("X-Amzn-SageMaker-Custom-Attributes", request.customAttributes());
		header.accept("X-Amzn-SageMaker-Target-Variant", request.targetVariant());
		header.accept("X-Amzn-SageMaker-Target-Container-Hostname", request.targetContainerHostname());
		header.accept("X-Amzn-SageMaker-Inference-Id", request.inferenceId());
		header.accept("X-Amzn-SageMaker-Inference-Component", request.inferenceComponentName());
		header.accept("X-Amzn-SageMaker-Session-Id", request.sessionId());
		return this.signer
			.sign((signing) -> signing.identity(credentials)
				.request(http.build())
				.payload(ContentStreamProvider.fromByteArrayUnsafe(body.asByteArrayUnsafe()))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
				.putProperty(AwsV4HttpSigner.REGION_NAME, this.region.id())
				.putProperty(HttpSigner.SIGNING_CLOCK, clock))
			.request();
	}

}
