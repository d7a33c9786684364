package io.github.sagemakerstreaming.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session headers that no emulated handler sends, answered by a plain loopback server
 * through the real SDK: only a header that names the session opens or closes it.
 */
class StreamingInferenceTemplateSessionHeadersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final InferenceRequest OPEN = InferenceRequest.builder()
		.body("{\"requestType\":\"NEW_SESSION\"}")
		.build();

	private DisposableServer server;

	private SageMakerRuntimeAsyncClient client;

	@AfterEach
	void close() {
		this.client.close();
		this.server.disposeNow();
	}

	@Test
	void aCloseConfirmedForAnotherSessionIsNotAClose() {
		StreamingInferenceTemplate template = answering(Map.of("X-Amzn-SageMaker-Closed-Session-Id", "other"),
				"Session other closed");
		InferenceSession session = new InferenceSession("s-1", null, "ep", null);
		StepVerifier.create(template.closeSession(session, OPEN))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(SessionNotClosedException.class, (notClosed) -> {
						assertThat(notClosed).hasMessageContaining("s-1")
							.hasMessageContaining("was other")
							.hasMessageContaining("'Session other closed'");
						assertThat(notClosed.answer().metadata().closedSessionId()).isEqualTo("other");
					}))
			.verify(TIMEOUT);
	}

	@Test
	void anEmptyAnswerWithoutTheHeaderOpensNoSession() {
		StreamingInferenceTemplate template = answering(Map.of(), "");
		StepVerifier.create(template.openSession(OPEN))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SessionNotOpenedException.class)
				.hasMessageContaining("with an empty body"))
			.verify(TIMEOUT);
	}

	@Test
	void anIdWithoutExpiryAndAnEmptyBodyOpenASessionOfUnknownExpiry() {
		StreamingInferenceTemplate template = answering(Map.of("X-Amzn-SageMaker-New-Session-Id", "s-2"), "");
		InferenceSession session = template.openSession(OPEN).block(TIMEOUT);
		assertThat(session.id()).isEqualTo("s-2");
		assertThat(session.expiresAt()).isNull();
		assertThat(session.openAnswer().body()).isEmpty();
	}

	@Test
	void anExpiryInAnotherFormLeavesItUnknownAndKeepsTheSession() {
		StreamingInferenceTemplate template = answering(
				Map.of("X-Amzn-SageMaker-New-Session-Id", "s-3; Expires=Sat, 05 Dec 2026 14:20:00 GMT"),
				"{\"result\": \"Session s-3 created\"}\n");
		InferenceSession session = template.openSession(OPEN).block(TIMEOUT);
		assertThat(session.id()).isEqualTo("s-3");
		assertThat(session.expiresAt()).isNull();
		assertThat(session.openAnswer().body()).isEqualTo("{\"result\": \"Session s-3 created\"}\n");
	}

	/**
	 * Starts a server that answers every call with 200, the headers and the body.
	 */
	private StreamingInferenceTemplate answering(Map<String, String> headers, String body) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			headers.forEach(response::header);
			return request.receive()
				.then(response.status(200)
					.header("x-amzn-RequestId", "request-1")
					.header("Content-Type", "application/json")
					.sendString(Mono.just(body))
					.then());
		}).bindNow();
		this.client = SageMakerRuntimeAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.endpointOverride(URI.create("http://127.0.0.1:" + this.server.port()))
			.build();
		return StreamingInferenceTemplate.builder(this.client).endpointName("ep").build();
	}

}
