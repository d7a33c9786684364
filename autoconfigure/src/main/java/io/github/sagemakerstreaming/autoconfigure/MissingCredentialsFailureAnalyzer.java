package io.github.sagemakerstreaming.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingCredentialsException}: the chain of providers that was tried,
 * and what to set where the application runs.
 */
class MissingCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingCredentialsException> {

	private static final String ACTION = """
			Give the application credentials the way its environment does:
			- on your machine: AWS_PROFILE (a profile in ~/.aws/credentials or ~/.aws/config), or \
			AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY;
			- with IAM Identity Center (SSO): run 'aws sso login --profile <name>' and set AWS_PROFILE=<name>;
			- on EKS: an IAM role for the service account (IRSA, which sets AWS_WEB_IDENTITY_TOKEN_FILE and \
			AWS_ROLE_ARN) or an EKS Pod Identity association (AWS_CONTAINER_CREDENTIALS_FULL_URI and \
			AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE);
			- on ECS: a task role (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI);
			- on EC2: an instance profile, with the instance metadata service reachable.
			Or set sagemaker.runtime.credentials.profile, or .access-key and .secret-key. Against a local \
			emulator any static keys do. To skip this check, set \
			sagemaker.runtime.credentials.verify-on-startup=false.""";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingCredentialsException cause) {
		return new FailureAnalysis("The SageMaker Runtime client found no AWS credentials. No credential property "
				+ "(sagemaker.runtime.credentials.*) nor AwsCredentialsProvider bean was set, and the AWS SDK's default "
				+ "chain said: " + cause.sdkMessage(), ACTION, cause);
	}

}
