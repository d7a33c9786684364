package io.github.sagemakerstreaming.runtime.embedding;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.EmulatedEmbeddingEndpoint;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.StreamOutcome;
import io.github.sagemakerstreaming.runtime.EmulatorClients;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;
import io.github.sagemakerstreaming.runtime.TokenUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * Embeddings through the real SDK against the emulator's embedding containers.
 */
class EmbeddingTemplateIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private static SageMakerRuntimeAsyncClient client;

	@BeforeAll
	static void createClient() {
		client = EmulatorClients.create(sagemaker.emulator());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@ParameterizedTest
	@EnumSource(EmbeddingFormat.class)
	void eachFormatIsSentInItsShapeAndItsContainersAnswerIsRead(EmbeddingFormat format) {
		EmbeddingContainer container = switch (format) {
			case TEI -> EmbeddingContainer.TEI;
			case JUMPSTART -> EmbeddingContainer.JUMPSTART;
			case OPENAI -> EmbeddingContainer.VLLM;
		};
		String name = register(container).dimensions(48).name();
		EmbeddingResult result = template(name).format(format)
			.build()
			.embed(List.of("the cat sat on the mat", "a cat on a mat", "stock prices fell sharply"))
			.block(TIMEOUT);
		assertThat(result.vectors()).hasSize(3);
		assertThat(result.dimensions()).isEqualTo(48);
		assertThat(norm(result.vectors().get(0))).isCloseTo(1.0, offset(1e-5));
		assertThat(cosine(result.vectors().get(0), result.vectors().get(1)))
			.isGreaterThan(cosine(result.vectors().get(0), result.vectors().get(2)));
		JsonNode body = JSON.readTree(emulator().invocations(name).get(0).body());
		assertThat(body.propertyNames()).containsExactly(format.inputsField());
		assertThat(body.get(format.inputsField())).hasSize(3);
		if (format == EmbeddingFormat.OPENAI) {
			assertThat(result.usage()).isEqualTo(new TokenUsage(15, 0));
		}
		else {
			assertThat(result.usage()).isNull();
		}
	}

	@Test
	void aHundredInputsInBatchesOfEightComeBackInTheOrderOfTheInputs() {
		String name = register(EmbeddingContainer.TEI).maxBatchSize(8).name();
		List<String> inputs = IntStream.range(0, 100).mapToObj((i) -> "text number" + i + " word" + (i * 7)).toList();
		EmbeddingResult batched = template(name).batchSize(8).concurrency(4).build().embed(inputs).block(TIMEOUT);
		List<RecordedInvocation> calls = emulator().invocations(name);
		assertThat(calls).hasSize(13);
		assertThat(calls)
			.allSatisfy((call) -> assertThat(JSON.readTree(call.body()).get("inputs").size()).isLessThanOrEqualTo(8));
		String single = register(EmbeddingContainer.VLLM).name();
		EmbeddingTemplate oneByOne = template(single).format(EmbeddingFormat.OPENAI)
			.batchSize(1)
			.concurrency(8)
			.build();
		for (int i = 0; i < inputs.size(); i += 9) {
			float[] alone = oneByOne.embed(List.of(inputs.get(i))).block(TIMEOUT).vectors().get(0);
			assertThat(batched.vectors().get(i)).as("vector %d", i).containsExactly(alone);
		}
		assertThat(batched.vectors()).hasSize(100);
	}

	@Test
	void aBatchTheContainerRefusesAsTooLargeFailsNamingTheProperty() {
		String name = register(EmbeddingContainer.TEI).name();
		List<String> inputs = IntStream.range(0, 40).mapToObj((i) -> "text " + i).toList();
		StepVerifier.create(template(name).batchSize(40).build().embed(inputs)).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(EmbeddingException.class)
				.hasMessageContaining("batch size 40 > maximum allowed batch size 32")
				.hasMessageContaining("sagemaker.runtime.embedding.batch-size")
				.hasCauseInstanceOf(ModelErrorException.class);
			assertThat(((EmbeddingException) ex).errorCode()).isEqualTo(EmbeddingException.BATCH_TOO_LARGE);
			assertThat(((ModelErrorException) ex.getCause()).originalStatusCode()).isEqualTo(413);
		}).verify(TIMEOUT);
		assertThat(emulator().invocations(name)).as("a refusal is not retried").hasSize(1);
	}

	@Test
	void anAnswerWithFewerVectorsThanInputsFailsRatherThanShiftingThem() {
		String name = register(EmbeddingContainer.JUMPSTART).dropLastVector().name();
		StepVerifier.create(template(name).format(EmbeddingFormat.JUMPSTART).build().embed(List.of("a", "b", "c")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(EmbeddingException.class)
				.hasMessageContaining("answered 2 vectors for 3 inputs")
				.extracting((failure) -> ((EmbeddingException) failure).errorCode())
				.isEqualTo(EmbeddingException.VECTOR_COUNT_MISMATCH))
			.verify(TIMEOUT);
	}

	@Test
	void vectorsOfAnotherLengthThanTheDimensionsAskedForFailRatherThanBeingStored() {
		String ignoring = register(EmbeddingContainer.JUMPSTART).dimensions(48).name();
		StepVerifier.create(template(ignoring).format(EmbeddingFormat.JUMPSTART)
			.build()
			.embed(EmbeddingRequest.builder().inputs(List.of("a", "b")).parameters(Map.of("dimensions", 16)).build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(EmbeddingException.class)
				.hasMessageContaining("vectors of 48 dimensions where 16 were asked for")
				.extracting((failure) -> ((EmbeddingException) failure).errorCode())
				.isEqualTo(EmbeddingException.DIMENSIONS_MISMATCH))
			.verify(TIMEOUT);
		String matryoshka = register(EmbeddingContainer.VLLM).dimensions(48).name();
		EmbeddingResult truncated = template(matryoshka).format(EmbeddingFormat.OPENAI)
			.build()
			.embed(EmbeddingRequest.builder().inputs(List.of("a", "b")).parameters(Map.of("dimensions", 16)).build())
			.block(TIMEOUT);
		assertThat(truncated.vectors()).hasSize(2).allSatisfy((vector) -> assertThat(vector).hasSize(16));
	}

	@Test
	void anEmptyListAnswersWithoutACall() {
		String name = register(EmbeddingContainer.TEI).name();
		StepVerifier.create(template(name).build().embed(List.of()))
			.assertNext((result) -> assertThat(result.vectors()).isEmpty())
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).isEmpty();
	}

	@Test
	void anEmptyTextIsSentAndTeisRefusalReachesTheCaller() {
		String name = register(EmbeddingContainer.TEI).name();
		StepVerifier.create(template(name).build().embed(List.of("a text", "")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(EmbeddingException.class)
				.hasMessageContaining("`inputs` cannot be empty")
				.extracting((failure) -> ((EmbeddingException) failure).errorCode())
				.isEqualTo("ModelError"))
			.verify(TIMEOUT);
		String vllm = register(EmbeddingContainer.VLLM).name();
		EmbeddingResult result = template(vllm).format(EmbeddingFormat.OPENAI)
			.build()
			.embed(List.of("a text", ""))
			.block(TIMEOUT);
		assertThat(result.vectors()).hasSize(2);
	}

	@Test
	void aCallIsRetriedAfterTheConnectionIsReset() {
		String name = register(EmbeddingContainer.TEI).resetBeforeAnswer(2).name();
		EmbeddingResult result = template(name).build().embed(List.of("one", "two")).block(TIMEOUT);
		assertThat(result.vectors()).hasSize(2);
		assertThat(emulator().invocations(name)).hasSize(3);
	}

	@Test
	void aCallIsRetriedAfterServiceUnavailableButNotAfterAModelError() {
		String name = register(EmbeddingContainer.TEI).failBeforeAnswer(HttpFault.serviceUnavailable(), 1).name();
		assertThat(template(name).build().embed(List.of("one")).block(TIMEOUT).vectors()).hasSize(1);
		assertThat(emulator().invocations(name)).hasSize(2);
		String refusing = register(EmbeddingContainer.TEI).failBeforeAnswer(HttpFault.modelError("no"), 1).name();
		StepVerifier.create(template(refusing).build().embed(List.of("one")))
			.expectError(EmbeddingException.class)
			.verify(TIMEOUT);
		assertThat(emulator().invocations(refusing)).hasSize(1);
	}

	@Test
	void aCallThatOutlivesTheTimeoutIsRetriedThenFails() {
		String name = register(EmbeddingContainer.TEI).answerDelay(Duration.ofSeconds(5)).name();
		EmbeddingTemplate template = template(name).timeout(Duration.ofMillis(300))
			.retry(2, Duration.ofMillis(10), Duration.ofMillis(10))
			.build();
		StepVerifier.create(template.embed(List.of("one")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(EmbeddingException.class)
				.hasMessageContaining("sagemaker.runtime.embedding.timeout")
				.extracting((failure) -> ((EmbeddingException) failure).errorCode())
				.isEqualTo(EmbeddingException.TIMEOUT))
			.verify(TIMEOUT);
		List<RecordedInvocation> calls = emulator().invocations(name);
		assertThat(calls).hasSize(2);
		assertThat(calls).allSatisfy((call) -> assertThat(call.awaitConnectionClosed(TIMEOUT)).isTrue());
	}

	@Test
	void aBatchThatFailsCancelsTheBatchesStillInFlight() {
		String name = register(EmbeddingContainer.TEI).answerDelay(Duration.ofSeconds(30)).name();
		long start = System.nanoTime();
		StepVerifier.create(template(name).batchSize(1).concurrency(3).build().embed(List.of("a", "b", "")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(EmbeddingException.class)
				.hasMessageContaining("`inputs` cannot be empty"))
			.verify(TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not waiting for the batches in flight")
			.isLessThan(Duration.ofSeconds(15));
		assertThat(emulator().invocations(name)).filteredOn((call) -> !call.bodyAsString().contains("\"\""))
			.allSatisfy((call) -> assertThat(call.awaitOutcome(TIMEOUT)).isEqualTo(StreamOutcome.ABANDONED));
	}

	@Test
	void cancellingTheSubscriptionCancelsTheCallsInFlight() {
		String name = register(EmbeddingContainer.TEI).answerDelay(Duration.ofSeconds(30)).name();
		Disposable inFlight = template(name).batchSize(1)
			.concurrency(4)
			.build()
			.embed(List.of("a", "b", "c"))
			.subscribe((result) -> {
			}, (ex) -> {
			});
		waitFor(() -> emulator().invocations(name).size() == 3);
		inFlight.dispose();
		assertThat(emulator().invocations(name))
			.allSatisfy((call) -> assertThat(call.awaitConnectionClosed(TIMEOUT)).isTrue());
		assertThat(emulator().invocations(name))
			.allSatisfy((call) -> assertThat(call.awaitOutcome(TIMEOUT)).isEqualTo(StreamOutcome.ABANDONED));
	}

	@Test
	void parametersGoIntoTheBodyButMayNotReplaceTheTexts() {
		String name = register(EmbeddingContainer.TEI).name();
		EmbeddingTemplate template = template(name).build();
		template
			.embed(EmbeddingRequest.builder()
				.inputs(List.of("one"))
				.parameters(Map.of("normalize", false, "truncate", true))
				.build())
			.block(TIMEOUT);
		JsonNode body = JSON.readTree(emulator().invocations(name).get(0).body());
		assertThat(body.get("normalize").asBoolean()).isFalse();
		assertThat(body.get("truncate").asBoolean()).isTrue();
		StepVerifier
			.create(template.embed(EmbeddingRequest.builder()
				.inputs(List.of("one"))
				.parameters(Map.of("inputs", List.of("other")))
				.build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInferenceRequestException.class)
				.hasMessageContaining("'inputs' would replace the texts"))
			.verify(TIMEOUT);
		assertThat(emulator().invocations(name)).hasSize(1);
	}

	@Test
	void aRequestsEndpointAndComponentWinOverTheTemplates() {
		String name = register(EmbeddingContainer.TEI).name();
		template("some-other-endpoint").inferenceComponentName("template-component")
			.build()
			.embed(EmbeddingRequest.builder()
				.inputs(List.of("one"))
				.endpointName(name)
				.inferenceComponentName("request-component")
				.build())
			.block(TIMEOUT);
		assertThat(emulator().invocations(name).get(0).header("X-Amzn-SageMaker-Inference-Component"))
			.isEqualTo("request-component");
	}

	private static EmbeddingTemplate.Builder template(String endpointName) {
		return EmbeddingTemplate.builder(client).endpointName(endpointName);
	}

	private static EmulatedEmbeddingEndpoint register(EmbeddingContainer container) {
		return emulator().registerEmbedding("embed-" + UUID.randomUUID().toString().substring(0, 8), container);
	}

	private static void waitFor(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("the condition within " + TIMEOUT).isLessThan(deadline);
			LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
	}

	private static SageMakerEmulator emulator() {
		return sagemaker.emulator();
	}

	private static double norm(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		return Math.sqrt(sum);
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot / (norm(a) * norm(b));
	}

}
