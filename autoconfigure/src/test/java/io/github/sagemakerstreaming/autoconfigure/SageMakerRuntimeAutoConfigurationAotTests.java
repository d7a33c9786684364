package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration processed ahead of time, as a build with Spring AOT does, with
 * the build's properties, then started from the generated code with the deployment's: a
 * setting given at deployment takes effect, whatever the build saw. It runs alone: the
 * forked class loader is the thread's context class loader while it runs, and a test that
 * the thread picks up meanwhile (a parallel run's thread takes other work while it waits)
 * would load its classes through it.
 */
@Isolated
@CompileWithForkedClassLoader
class SageMakerRuntimeAutoConfigurationAotTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	@Test
	void theDirectTransportGivenAtDeploymentIsUsedThoughTheBuildSawNone() {
		sagemaker.emulator().register("aot-direct-llm", Dialect.VLLM_CHAT).tokens("Hi", "!");
		processedThenStarted(List.of(), deployment("aot-direct-llm", "sagemaker.runtime.transport=direct"),
				(context) -> {
					assertThat(
							context.getBean(StreamingInferenceTemplate.class).stream("hi").collectList().block(TIMEOUT))
						.containsExactly("Hi", "!");
					assertThat(sagemaker.emulator().invocations("aot-direct-llm").get(0).headers().get("user-agent"))
						.contains("sagemaker-runtime-spring-boot/direct");
				});
	}

	@Test
	void theSdkTransportGivenAtDeploymentIsUsedThoughTheBuildSawTheDirectOne() {
		sagemaker.emulator().register("aot-sdk-llm", Dialect.VLLM_CHAT).tokens("Hi");
		processedThenStarted(List.of("sagemaker.runtime.transport=direct"),
				deployment("aot-sdk-llm", "sagemaker.runtime.transport=sdk"), (context) -> {
					assertThat(
							context.getBean(StreamingInferenceTemplate.class).stream("hi").collectList().block(TIMEOUT))
						.containsExactly("Hi");
					assertThat(sagemaker.emulator().invocations("aot-sdk-llm").get(0).headers().get("user-agent"))
						.doesNotContain("/direct");
				});
	}

	@Test
	void theEndpointGivenAtDeploymentHasItsHealthReportedThoughTheBuildSawNone() {
		sagemaker.emulator().register("aot-health-llm", Dialect.VLLM_CHAT);
		processedThenStarted(List.of(),
				deployment("aot-health-llm",
						"sagemaker.runtime.health.endpoint-override=" + sagemaker.emulator().endpointOverride()),
				(context) -> {
					Health health = context.getBean("sagemakerHealthIndicator", ReactiveHealthIndicator.class)
						.health()
						.block(TIMEOUT);
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(health.getDetails()).containsEntry("endpoint", "aot-health-llm")
						.containsEntry("status", "InService");
				});
	}

	private static List<String> deployment(String endpointName, String... more) {
		List<String> properties = new ArrayList<>(List.of("sagemaker.runtime.region=us-east-1",
				"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
				"sagemaker.runtime.credentials.access-key=test", "sagemaker.runtime.credentials.secret-key=test",
				"sagemaker.runtime.endpoint-name=" + endpointName));
		properties.addAll(List.of(more));
		return properties;
	}

	/**
	 * Processes a context of the auto-configuration ahead of time with the build's
	 * properties, compiles the generated code, and starts a context from it with the
	 * deployment's properties.
	 */
	@SuppressWarnings("unchecked")
	private static void processedThenStarted(List<String> build, List<String> deployment,
			Consumer<GenericApplicationContext> assertions) {
		AnnotationConfigApplicationContext processed = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(build).applyTo(processed);
		processed.register(AutoConfigured.class);
		TestGenerationContext generation = new TestGenerationContext();
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(processed, generation);
		generation.writeGeneratedContent();
		TestCompiler.forSystem().with(generation).compile((compiled) -> {
			try (GenericApplicationContext started = new GenericApplicationContext()) {
				TestPropertyValues.of(deployment).applyTo(started);
				compiled.getInstance(ApplicationContextInitializer.class, initializer.toString()).initialize(started);
				started.refresh();
				assertions.accept(started);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SageMakerRuntimeAutoConfiguration.class,
			SageMakerEndpointHealthAutoConfiguration.class })
	static class AutoConfigured {

	}

}
