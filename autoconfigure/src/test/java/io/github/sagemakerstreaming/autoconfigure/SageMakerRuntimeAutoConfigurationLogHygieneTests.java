package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.HttpFault;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.StreamFault;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials, prompts and generated text never reach the logs at INFO or above, whether
 * a stream succeeds, is retried or fails. Runs alone so that the captured output is its
 * own.
 */
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class SageMakerRuntimeAutoConfigurationLogHygieneTests {

	private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-SECRETCANARY";

	private static final String PROMPT = "PROMPT-CANARY tell me a secret";

	private static final String TOKEN = "TOKEN-CANARY";

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	@Test
	void nothingSensitiveIsLoggedAtInfoOrAbove(CapturedOutput output) {
		sagemaker.emulator()
			.register("hygiene", Dialect.TGI)
			.tokens("Hello ", TOKEN)
			.failBeforeStream(HttpFault.serviceUnavailable(), 1);
		sagemaker.emulator()
			.register("hygiene-failing", Dialect.VLLM_CHAT)
			.tokens("Hello ", TOKEN, " more")
			.failAfterTokens(2, StreamFault.containerError("failed while writing " + TOKEN));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.credentials.access-key=AKIACANARY",
					"sagemaker.runtime.credentials.secret-key=" + SECRET, "sagemaker.runtime.endpoint-name=hygiene",
					"sagemaker.runtime.retry.initial-backoff=10ms")
			.run((context) -> {
				StreamingInferenceTemplate template = context.getBean(StreamingInferenceTemplate.class);
				assertThat(template.stream(PROMPT).collectList().block(Duration.ofSeconds(20))).contains(TOKEN);
				template.stream(InferenceRequest.builder().prompt(PROMPT).endpointName("hygiene-failing").build())
					.onErrorResume((ex) -> reactor.core.publisher.Flux.empty())
					.blockLast(Duration.ofSeconds(20));
			});
		assertThat(output.getOut()).as("the retry was logged at DEBUG, so the capture saw the library's logging")
			.contains("Retrying the call to endpoint 'hygiene'");
		List<String> infoOrAbove = output.getOut()
			.lines()
			.filter((line) -> line.contains(" INFO ") || line.contains(" WARN ") || line.contains(" ERROR "))
			.toList();
		assertThat(infoOrAbove)
			.noneMatch((line) -> line.contains(SECRET) || line.contains("PROMPT-CANARY") || line.contains(TOKEN));
		assertThat(output.getOut()).doesNotContain(SECRET);
		assertThat(output.getOut()).as("content logging is off unless switched on")
			.doesNotContain("PROMPT-CANARY")
			.doesNotContain("Request to endpoint")
			.doesNotContain("Answer from endpoint");
	}

	@Test
	void thePropertiesSwitchOnTheLoggingOfEachBodyAndWholeAnswerAtDebugOnly(CapturedOutput output) {
		sagemaker.emulator().register("hygiene-logged", Dialect.VLLM_CHAT).tokens("Hello ", TOKEN);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.credentials.access-key=AKIACANARY",
					"sagemaker.runtime.credentials.secret-key=" + SECRET,
					"sagemaker.runtime.endpoint-name=hygiene-logged", "sagemaker.runtime.log-requests=true",
					"sagemaker.runtime.log-responses=true")
			.run((context) -> assertThat(context.getBean(StreamingInferenceTemplate.class)
				.stream(PROMPT)
				.collectList()
				.block(Duration.ofSeconds(20))).contains(TOKEN));
		List<String> logged = output.getOut()
			.lines()
			.filter((line) -> line.contains("Request to endpoint hygiene-logged")
					|| line.contains("Answer from endpoint hygiene-logged"))
			.toList();
		assertThat(logged).hasSize(2).allMatch((line) -> line.contains(" DEBUG "));
		assertThat(logged.get(0)).contains("\"content\":\"" + PROMPT + "\"");
		assertThat(logged.get(1)).contains("Hello " + TOKEN);
		assertThat(output.getOut()).doesNotContain(SECRET);
	}

}
