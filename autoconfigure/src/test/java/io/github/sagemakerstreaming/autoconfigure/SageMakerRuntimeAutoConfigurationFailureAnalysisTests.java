package io.github.sagemakerstreaming.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Expected mistakes stop a real application with a startup report that says what is wrong
 * and which property to set. Runs alone, since it reads what the application prints.
 */
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class SageMakerRuntimeAutoConfigurationFailureAnalysisTests {

	private static final String[] WORKING = { "sagemaker.runtime.region=us-east-1",
			"sagemaker.runtime.credentials.access-key=test", "sagemaker.runtime.credentials.secret-key=test" };

	@Test
	void anInvalidEndpointNameIsReportedWithItsProperty(CapturedOutput output) {
		start("sagemaker.runtime.endpoint-name=my_endpoint");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'my_endpoint' for configuration property 'sagemaker.runtime.endpoint-name'")
			.contains("letters, digits and single or repeated hyphens");
	}

	@Test
	void aDurationThatIsNotPositiveIsReportedWithItsProperty(CapturedOutput output) {
		start("sagemaker.runtime.first-token-timeout=0s");
		assertThat(output).contains("configuration property 'sagemaker.runtime.first-token-timeout'")
			.contains("must be positive");
	}

	@Test
	void anUnknownFormatIsReportedWithTheValidValues(CapturedOutput output) {
		start("sagemaker.runtime.format=gpt");
		assertThat(output).contains("sagemaker.runtime.format")
			.contains("OPENAI_CHAT")
			.contains("OPENAI_COMPLETIONS")
			.contains("TGI")
			.contains("RAW");
	}

	@Test
	@DisabledIfEnvironmentVariable(named = "AWS_REGION", matches = ".+")
	@DisabledIfEnvironmentVariable(named = "AWS_DEFAULT_REGION", matches = ".+")
	void noRegionIsReportedWithWhereItWasLookedFor(CapturedOutput output) {
		startWithout("sagemaker.runtime.credentials.access-key=test", "sagemaker.runtime.credentials.secret-key=test");
		assertThat(output).contains("The SageMaker Runtime client has no AWS region")
			.contains("AwsRegionProvider bean")
			.contains("Set sagemaker.runtime.region");
	}

	@Test
	@DisabledIfEnvironmentVariable(named = "AWS_ACCESS_KEY_ID", matches = ".+")
	void noCredentialsAreReportedWithTheChainThatWasTried(CapturedOutput output) {
		startWithout("sagemaker.runtime.region=us-east-1");
		assertThat(output).contains("The SageMaker Runtime client found no AWS credentials")
			.contains("EnvironmentVariableCredentialsProvider")
			.contains("sagemaker.runtime.credentials.verify-on-startup=false");
	}

	private static void start(String property) {
		String[] properties = java.util.Arrays.copyOf(WORKING, WORKING.length + 1);
		properties[WORKING.length] = property;
		startWithout(properties);
	}

	private static void startWithout(String... properties) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(DiagnosedApplication.class).web(WebApplicationType.NONE)
				.properties(properties)
				.properties("spring.main.banner-mode=off")
				.run()
				.close());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SageMakerRuntimeAutoConfiguration.class)
	static class DiagnosedApplication {

	}

}
