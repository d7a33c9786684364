package io.github.sagemakerstreaming.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingRegionException}: where a region was looked for, and how to
 * set one.
 */
class MissingRegionFailureAnalyzer extends AbstractFailureAnalyzer<MissingRegionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingRegionException cause) {
		return new FailureAnalysis("The SageMaker Runtime client has no AWS region. It looked at the property "
				+ "sagemaker.runtime.region, then for an AwsRegionProvider bean, then along the AWS SDK's default chain, "
				+ "which said: " + cause.sdkMessage(),
				"Set sagemaker.runtime.region (for example sagemaker.runtime.region=us-east-1), or the AWS_REGION "
						+ "environment variable, or a region in your AWS profile.",
				cause);
	}

}
