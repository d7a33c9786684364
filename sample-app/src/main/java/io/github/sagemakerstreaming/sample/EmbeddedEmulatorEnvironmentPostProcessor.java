package io.github.sagemakerstreaming.sample;

import java.time.Duration;
import java.util.Map;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.EmbeddingContainer;
import io.github.sagemakerstreaming.emulator.EmulatedEndpoint;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * When no SageMaker endpoint is configured, starts the emulator in-process, with a chat
 * endpoint and a TEI embedding endpoint, and points the starter at it, so that the sample
 * runs on a machine with no AWS account. The emulator is a bean named {@value #BEAN_NAME}
 * and stops with the application.
 */
class EmbeddedEmulatorEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String BEAN_NAME = "sageMakerEmulator";

	static final String ENDPOINT_NAME = "local-llm";

	static final String EMBEDDING_ENDPOINT_NAME = "local-embedder";

	private final Log logger;

	EmbeddedEmulatorEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmbeddedEmulatorEnvironmentPostProcessor.class);
	}

	/**
	 * Registers, or registers again, the endpoint that the sample streams from: vLLM chat
	 * at a readable pace, which calls the tool a request offers before answering, as the
	 * agent mode needs.
	 */
	static EmulatedEndpoint registerDefaultEndpoint(SageMakerEmulator emulator) {
		return emulator.register(ENDPOINT_NAME, Dialect.VLLM_CHAT).tokenDelay(Duration.ofMillis(40)).agent();
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("sagemaker.runtime.endpoint-name"))
				|| StringUtils.hasText(environment.getProperty("sagemaker.runtime.endpoint-override"))) {
			return;
		}
		SageMakerEmulator emulator = SageMakerEmulator.start();
		registerDefaultEndpoint(emulator);
		emulator.registerEmbedding(EMBEDDING_ENDPOINT_NAME, EmbeddingContainer.TEI);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedSageMakerEmulator",
					Map.of("sagemaker.runtime.endpoint-name", ENDPOINT_NAME,
							"sagemaker.runtime.embedding.endpoint-name", EMBEDDING_ENDPOINT_NAME,
							"sagemaker.runtime.endpoint-override", emulator.endpointOverride().toString(),
							"sagemaker.runtime.region", "us-east-1", "sagemaker.runtime.credentials.access-key",
							"emulator", "sagemaker.runtime.credentials.secret-key", "emulator")));
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton(BEAN_NAME, emulator);
			context.addApplicationListener((ContextClosedEvent event) -> emulator.close());
		});
		this.logger.info("No SageMaker endpoint is configured, so the sample streams from the embedded emulator at "
				+ emulator.endpointOverride() + " (endpoint '" + ENDPOINT_NAME + "'). To use a real endpoint, set "
				+ "SAGEMAKER_ENDPOINT_NAME, AWS_REGION and the usual AWS credentials.");
	}

}
