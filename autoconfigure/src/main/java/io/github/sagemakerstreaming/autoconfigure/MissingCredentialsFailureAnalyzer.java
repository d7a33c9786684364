package io.github.sagemakerstreaming.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingCredentialsException}: the chain of providers that was tried,
 * and how to provide credentials.
 */
class MissingCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingCredentialsException cause) {
		return new FailureAnalysis("The SageMaker Runtime client found no AWS credentials. No credential property "
				+ "(sagemaker.runtime.credentials.*) nor AwsCredentialsProvider bean was set, and the AWS SDK's default "
				+ "chain said: " + cause.sdkMessage(),
				"Provide credentials the usual AWS way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or an "
						+ "instance or container role), or set sagemaker.runtime.credentials.profile or .access-key and "
						+ ".secret-key. Against a local emulator any static keys do. To skip this check, set "
						+ "sagemaker.runtime.credentials.verify-on-startup=false.",
				cause);
	}

}
