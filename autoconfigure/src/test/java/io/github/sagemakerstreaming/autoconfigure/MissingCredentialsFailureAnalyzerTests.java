package io.github.sagemakerstreaming.autoconfigure;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class MissingCredentialsFailureAnalyzerTests {

	private final FailureAnalysis analysis = new MissingCredentialsFailureAnalyzer()
		.analyze(new MissingCredentialsException(SdkClientException.create(
				"Unable to load credentials from any of the providers in the chain [EnvironmentVariableCredentialsProvider()]")));

	@Test
	void describesTheChainThatWasTried() {
		assertThat(this.analysis.getDescription()).contains("sagemaker.runtime.credentials.*")
			.contains("EnvironmentVariableCredentialsProvider()");
	}

	@Test
	void saysHowToProvideCredentialsOrSkipTheCheck() {
		assertThat(this.analysis.getAction()).contains("AWS_PROFILE")
			.contains("sagemaker.runtime.credentials.profile")
			.contains("sagemaker.runtime.credentials.verify-on-startup=false");
	}

	@Test
	void saysWhatToSetInEachEnvironmentOnALineOfItsOwn() {
		assertThat(this.analysis.getAction().lines()).anySatisfy((line) -> assertThat(line).contains("AWS_PROFILE"))
			.anySatisfy((line) -> assertThat(line).contains("aws sso login --profile"))
			.anySatisfy((line) -> assertThat(line).contains("EKS")
				.contains("AWS_WEB_IDENTITY_TOKEN_FILE")
				.contains("AWS_ROLE_ARN")
				.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
			.anySatisfy((line) -> assertThat(line).contains("ECS").contains("task role"))
			.anySatisfy((line) -> assertThat(line).contains("EC2").contains("instance profile"));
	}

}
