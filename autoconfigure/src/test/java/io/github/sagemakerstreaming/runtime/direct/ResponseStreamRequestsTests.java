package io.github.sagemakerstreaming.runtime.direct;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct transport's request against what the SDK client sends for the same call,
 * credentials and signing instant, captured just before the SDK would transmit it: the
 * same method, URI and headers, the {@code Authorization} header included, byte for byte.
 * Isolated, because the FIPS and dual-stack cases set the system properties the SDK
 * reads.
 */
@Isolated
class ResponseStreamRequestsTests {

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	/**
	 * One HTTP client for every SDK client here, which closing each would take seconds.
	 */
	private static SdkAsyncHttpClient http;

	@BeforeAll
	static void createHttpClient() {
		http = NettyNioAsyncHttpClient.create();
	}

	@AfterAll
	static void closeHttpClient() {
		http.close();
	}

	@Test
	void aCallWithEveryHeaderIsSignedAsTheSdkSignsIt() {
		InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName("chat-endpoint")
			.body(SdkBytes.fromUtf8String("{\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}],\"stream\":true}"))
			.contentType("application/json")
			.accept("text/event-stream")
			.customAttributes("accept_eula=true")
			.targetVariant("AllTraffic")
			.targetContainerHostname("container-1")
			.inferenceId("inference-7")
			.inferenceComponentName("component-2")
			.sessionId("session-9")
			.build();
		assertSignedAsTheSdkSignsIt(request, AwsBasicCredentials.create("AKIDEXAMPLE", "secret/key+example"),
				(client) -> client.region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:1")));
	}

	@Test
	void sessionCredentialsAndTheRegionsOwnEndpointAreSignedAsTheSdkSignsThem() {
		InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName("endpoint-without-options")
			.body(SdkBytes.fromUtf8String("{}"))
			.contentType("application/json")
			.build();
		assertSignedAsTheSdkSignsIt(request, AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "token/with+chars="),
				(client) -> client.region(Region.EU_WEST_1));
	}

	@Test
	void anOverrideWithAPathKeepsItsPath() {
		InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName("behind-a-proxy")
			.body(SdkBytes.fromUtf8String("raw text"))
			.contentType("text/plain; charset=utf-8")
			.build();
		assertSignedAsTheSdkSignsIt(request, AwsBasicCredentials.create("AKIDEXAMPLE", "secret"),
				(client) -> client.region(Region.AP_SOUTHEAST_2)
					.endpointOverride(URI.create("https://proxy.example.com:8443/sagemaker")));
	}

	@ParameterizedTest
	@CsvSource({ "aws.useFipsEndpoint, runtime-fips.sagemaker.us-east-2.amazonaws.com",
			"aws.useDualstackEndpoint, runtime.sagemaker.us-east-2.api.aws" })
	void fipsAndDualStackSetAsTheSdkReadsThemReachTheSameEndpoint(String property, String host) {
		InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName("regulated")
			.body(SdkBytes.fromUtf8String("{}"))
			.contentType("application/json")
			.build();
		System.setProperty(property, "true");
		try {
			assertThat(assertSignedAsTheSdkSignsIt(request, AwsBasicCredentials.create("AKIDEXAMPLE", "secret"),
					(client) -> client.region(Region.US_EAST_2))
				.host()).isEqualTo(host);
		}
		finally {
			System.clearProperty(property);
		}
	}

	private static SdkHttpRequest assertSignedAsTheSdkSignsIt(InvokeEndpointWithResponseStreamRequest request,
			AwsCredentials credentials, Consumer<SageMakerRuntimeAsyncClientBuilder> configuration) {
		AtomicReference<SdkHttpRequest> sent = new AtomicReference<>();
		SageMakerRuntimeAsyncClientBuilder builder = SageMakerRuntimeAsyncClient.builder()
			.httpClient(http)
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry())
				.addExecutionInterceptor(captureAndStop(sent)));
		configuration.accept(builder);
		try (SageMakerRuntimeAsyncClient client = builder.build()) {
			client.invokeEndpointWithResponseStream(request,
					InvokeEndpointWithResponseStreamResponseHandler.builder().subscriber((event) -> {
					}).build())
				.exceptionally((ex) -> null)
				.join();
			SdkHttpRequest sdk = sent.get();
			assertThat(sdk).as("the SDK's request").isNotNull();
			Instant signedAt = LocalDateTime.parse(sdk.firstMatchingHeader("X-Amz-Date").orElseThrow(), AMZ_DATE)
				.toInstant(ZoneOffset.UTC);
			SdkHttpRequest direct = new ResponseStreamRequests(DirectEndpoints.resolve(client),
					client.serviceClientConfiguration().region())
				.signed(request, credentials, sdk.firstMatchingHeader("amz-sdk-invocation-id").orElseThrow(),
						Clock.fixed(signedAt, ZoneOffset.UTC));
			assertThat(direct.method()).isEqualTo(sdk.method());
			assertThat(direct.getUri()).isEqualTo(sdk.getUri());
			assertThat(direct.firstMatchingHeader("Authorization")).isEqualTo(sdk.firstMatchingHeader("Authorization"))
				.isPresent();
			assertThat(withoutUserAgent(direct.headers())).isEqualTo(withoutUserAgent(sdk.headers()));
			return direct;
		}
	}

	/**
	 * The headers, but the unsigned {@code User-Agent}, by which the direct transport
	 * says what it is.
	 */
	private static Map<String, List<String>> withoutUserAgent(Map<String, List<String>> headers) {
		Map<String, List<String>> signed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		signed.putAll(headers);
		signed.remove("User-Agent");
		return signed;
	}

	private static ExecutionInterceptor captureAndStop(AtomicReference<SdkHttpRequest> sent) {
		return new ExecutionInterceptor() {

			@Override
			public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
				sent.set(context.httpRequest());
				throw new IllegalStateException("captured; not sent");
			}

		};
	}

}
