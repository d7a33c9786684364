package io.github.sagemakerstreaming.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalStreamFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;

/**
 * Turns whatever the AWS SDK or the network throws into a
 * {@link StreamingInferenceException} whose message says what happened and what to do,
 * with the original as its cause.
 */
final class StreamingFailures {

	private StreamingFailures() {
	}

	static StreamingInferenceException translate(Throwable failure, @Nullable String endpointName,
			@Nullable String requestId, Duration elapsed) {
		Throwable ex = unwrap(failure);
		if (ex instanceof StreamingInferenceException streaming) {
			return streaming;
		}
		if (hasCause(ex, ReadTimeoutException.class)) {
			return new StreamTimeoutException(StreamTimeoutException.Limit.READ, null, elapsed, endpointName, requestId,
					ex);
		}
		if (ex instanceof ModelStreamErrorException modelStream) {
			String code = (modelStream.errorCode() != null) ? modelStream.errorCode() : "ModelStreamError";
			return new StreamingInferenceException("The model behind endpoint '" + endpointName
					+ "' stopped in the middle " + "of the stream (" + code + "): " + serviceMessage(modelStream)
					+ " Tokens already received are "
					+ "valid; the rest of the answer is lost. Retry the request, or ask for fewer tokens if the model "
					+ "ran out of time.", code, endpointName, requestId(modelStream, requestId), ex);
		}
		if (ex instanceof InternalStreamFailureException internal) {
			return new StreamingInferenceException(
					"SageMaker failed in the middle of the stream from endpoint '" + endpointName
							+ "' (InternalStreamFailure): " + serviceMessage(internal)
							+ " Tokens already received are valid; retry the request.",
					"InternalStreamFailure", endpointName, requestId(internal, requestId), ex);
		}
		if (ex instanceof ModelErrorException modelError) {
			String message = (modelError.originalStatusCode() != null)
					? "The container behind endpoint '" + endpointName + "' rejected the " + "request with status "
							+ modelError.originalStatusCode() + ": " + modelError.originalMessage()
							+ ". See its log stream " + modelError.logStreamArn() + "."
					: "The container behind endpoint '" + endpointName + "' rejected the request (ModelError), "
							+ "but SageMaker's answer did not say with what. See the endpoint's log group "
							+ "/aws/sagemaker/Endpoints/" + endpointName + " in CloudWatch Logs.";
			return new StreamingInferenceException(message, "ModelError", endpointName,
					requestId(modelError, requestId), ex);
		}
		if (ex instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null)
					? service.awsErrorDetails().errorCode() : "HTTP" + service.statusCode();
			String answer = code + " (HTTP " + service.statusCode() + "): " + serviceMessage(service);
			answer = answer.endsWith(".") ? answer : answer + ".";
			return new StreamingInferenceException(refusal(service, endpointName, answer), code, endpointName,
					requestId(service, requestId), ex);
		}
		String message = (ex instanceof SdkClientException)
				? "Calling endpoint '" + endpointName + "' failed: " + ex.getMessage()
				: "Reading the answer from endpoint '" + endpointName + "' failed (" + ex
						+ "). The answer is incomplete."
						+ (hasCause(ex, IOException.class) ? " Retry the request." : "");
		return new StreamingInferenceException(message, StreamingInferenceException.CLIENT_ERROR, endpointName,
				requestId, ex);
	}

	/**
	 * Says what a service's error means: a refusal for the time the call was signed at
	 * (as the SDK judges it against the clock it was signed with) points at this
	 * machine's clock, any other 401 or 403 at the credentials, and the rest is
	 * SageMaker's answer as it is.
	 */
	private static String refusal(AwsServiceException service, @Nullable String endpointName, String answer) {
		if (service.isClockSkewException()) {
			return "SageMaker refused the call to endpoint '" + endpointName + "' for the time it was signed at with "
					+ answer + " This machine's clock is off by more than AWS allows, and SageMaker's answer did "
					+ "not correct it: synchronise the clock (NTP).";
		}
		if (service.statusCode() == 401 || service.statusCode() == 403) {
			return "SageMaker refused the credentials of the call to endpoint '" + endpointName + "' with " + answer
					+ " Check the credentials the client signs with (the access key, the secret key and any "
					+ "session token, which may have expired) and that they allow sagemaker:InvokeEndpoint on "
					+ "the endpoint.";
		}
		return "SageMaker answered the invocation of endpoint '" + endpointName + "' with " + answer;
	}

	static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
			if (type.isInstance(ex)) {
				return true;
			}
		}
		return false;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable ex = failure;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		return ex;
	}

	private static String serviceMessage(AwsServiceException ex) {
		if (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorMessage() != null) {
			return ex.awsErrorDetails().errorMessage();
		}
		return "(no message)";
	}

	private static @Nullable String requestId(AwsServiceException ex, @Nullable String fallback) {
		return (ex.requestId() != null) ? ex.requestId() : fallback;
	}

}
