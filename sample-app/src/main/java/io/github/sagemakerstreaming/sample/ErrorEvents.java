package io.github.sagemakerstreaming.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.ContainerErrorException;
import io.github.sagemakerstreaming.runtime.IncompleteStreamException;
import io.github.sagemakerstreaming.runtime.StreamTimeoutException;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.codec.ServerSentEvent;

/**
 * The {@code error} event of a failed stream: the failure's code, a sentence safe to show
 * anyone and the request id. The full message, which may name the endpoint and the
 * account, goes to the log at WARN.
 */
final class ErrorEvents {

	private static final Log logger = LogFactory.getLog(ErrorEvents.class);

	private ErrorEvents() {
	}

	static ServerSentEvent<Object> of(StreamingInferenceException ex) {
		logger.warn("Stream from endpoint '" + ex.endpointName() + "' failed with " + ex.errorCode() + " (request id "
				+ ex.requestId() + "): " + ex.getMessage());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("code", ex.errorCode());
		data.put("message", safeSentence(ex));
		if (ex.requestId() != null) {
			data.put("requestId", ex.requestId());
		}
		return ServerSentEvent.<Object>builder(data).event("error").build();
	}

	private static String safeSentence(StreamingInferenceException ex) {
		if (ex instanceof StreamTimeoutException) {
			return "The model took too long to answer, so the answer was stopped.";
		}
		if (ex instanceof ContainerErrorException || ex instanceof IncompleteStreamException) {
			return "The model stopped before finishing its answer.";
		}
		return "The model could not answer. The server log has the details.";
	}

}
