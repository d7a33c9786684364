package io.github.sagemakerstreaming.runtime.embedding;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import io.netty.handler.timeout.ReadTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * Turns what one embedding call throws into an {@link EmbeddingException} that says what
 * happened and what to do, and says which failures a call may be retried after. An
 * embedding call has no side effect, so unlike a stream it may be retried after a read
 * timeout or a reset as well as when SageMaker did not pass it on.
 */
final class EmbeddingFailures {

	private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 500, 502, 503, 504);

	private EmbeddingFailures() {
	}

	static EmbeddingException translate(Throwable failure, String endpointName, int batchSize, Duration timeout) {
		Throwable ex = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (ex instanceof EmbeddingException embedding) {
			return embedding;
		}
		if (ex instanceof TimeoutException) {
			return new EmbeddingException(
					"Endpoint '" + endpointName + "' did not answer a batch of " + batchSize + " inputs within "
							+ timeout + ". Raise sagemaker.runtime.embedding.timeout, or lower "
							+ "sagemaker.runtime.embedding.batch-size.",
					EmbeddingException.TIMEOUT, endpointName, null, ex);
		}
		if (ex instanceof ModelErrorException modelError) {
			return modelError(modelError, endpointName, batchSize);
		}
		if (ex instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null)
					? service.awsErrorDetails().errorCode() : "HTTP" + service.statusCode();
			String message = (service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null)
					? service.awsErrorDetails().errorMessage() : "(no message)";
			return new EmbeddingException("SageMaker answered the embedding call to endpoint '" + endpointName
					+ "' with " + code + " (HTTP " + service.statusCode() + "): " + message, code, endpointName,
					service.requestId(), ex);
		}
		return new EmbeddingException("Calling endpoint '" + endpointName + "' for embeddings failed: " + ex,
				StreamingInferenceException.CLIENT_ERROR, endpointName, null, ex);
	}

	/**
	 * Returns whether a call may be tried again after a failure: throttling, a 500, 502,
	 * 503 or 504 from SageMaker, an I/O failure on the connection (a reset, a read
	 * timeout, a connection that could not be made or no pooled connection in time), or
	 * the template's own timeout. A container's refusal ({@code ModelError}) and a
	 * failure to sign the request are not retried.
	 */
	static boolean isRetryable(Throwable failure) {
		if (!(failure instanceof EmbeddingException embedding)) {
			return false;
		}
		if (EmbeddingException.TIMEOUT.equals(embedding.errorCode())) {
			return true;
		}
		Throwable cause = embedding.getCause();
		if (cause instanceof ModelErrorException) {
			return false;
		}
		if (cause instanceof AwsServiceException service) {
			return RETRYABLE_STATUS.contains(service.statusCode())
					|| "ThrottlingException".equals(embedding.errorCode());
		}
		return cause instanceof SdkClientException && (hasCause(cause, IOException.class)
				|| hasCause(cause, TimeoutException.class) || hasCause(cause, ReadTimeoutException.class));
	}

	private static EmbeddingException modelError(ModelErrorException ex, String endpointName, int batchSize) {
		Integer status = ex.originalStatusCode();
		String original = (ex.originalMessage() != null) ? ex.originalMessage() : "(no message)";
		if (status != null && (status == 413 || status == 422)
				&& original.toLowerCase(Locale.ROOT).contains("batch size")) {
			return new EmbeddingException(
					"The container behind endpoint '" + endpointName + "' refused a batch of " + batchSize
							+ " inputs as too large (status " + status + "): " + original
							+ ". Set sagemaker.runtime.embedding.batch-size (the builder's batchSize) to at most the "
							+ "container's limit (TEI's --max-client-batch-size, 32 unless set), or raise that limit.",
					EmbeddingException.BATCH_TOO_LARGE, endpointName, ex.requestId(), ex);
		}
		return new EmbeddingException(
				"The container behind endpoint '" + endpointName + "' rejected the embedding call with status " + status
						+ ": " + original + ". See its log stream " + ex.logStreamArn() + ".",
				"ModelError", endpointName, ex.requestId(), ex);
	}

	private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
			if (type.isInstance(ex)) {
				return true;
			}
		}
		return false;
	}

}
