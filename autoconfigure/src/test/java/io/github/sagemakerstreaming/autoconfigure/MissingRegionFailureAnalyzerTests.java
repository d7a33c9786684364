package io.github.sagemakerstreaming.autoconfigure;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class MissingRegionFailureAnalyzerTests {

	private final FailureAnalysis analysis = new MissingRegionFailureAnalyzer().analyze(
			new MissingRegionException(SdkClientException.create("Unable to load region from any of the providers")));

	@Test
	void describesWhereTheRegionWasLookedForWithTheSdksWords() {
		assertThat(this.analysis.getDescription()).contains("sagemaker.runtime.region")
			.contains("AwsRegionProvider bean")
			.contains("Unable to load region from any of the providers");
	}

	@Test
	void saysWhichPropertyToSet() {
		assertThat(this.analysis.getAction()).contains("sagemaker.runtime.region=us-east-1").contains("AWS_REGION");
	}

}
