package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

class StreamingInferenceTemplateSmokeTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	@Test
	void streamsTokens() {
		sagemaker.emulator().register("smoke", Dialect.TGI).tokens("Hello", " world");
		StreamingInferenceTemplate template = StreamingInferenceTemplate.builder(EmulatorClients.create(sagemaker.emulator()))
			.endpointName("smoke")
			.build();
		StepVerifier.create(template.stream("hi")).expectNext("Hello", " world").expectComplete().verify(Duration.ofSeconds(10));
	}

}
