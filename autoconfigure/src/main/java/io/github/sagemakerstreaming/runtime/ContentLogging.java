package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Whether the bodies sent and the answers received are logged, at DEBUG under the
 * {@code StreamingInferenceTemplate}'s logger; {@code null} means unset, which is off.
 * Nothing of a prompt or an answer is logged unless switched on, since both may hold
 * personal data.
 *
 * @param requests whether to log each request body, or {@code null}
 * @param responses whether to log each answer, or {@code null}
 */
record ContentLogging(@Nullable Boolean requests, @Nullable Boolean responses) {

	static final ContentLogging NONE = new ContentLogging(null, null);

	/**
	 * The template's logger, named rather than taken from the class, so that the values a
	 * request holds depend on no layer above them.
	 */
	private static final Logger logger = LoggerFactory
		.getLogger("io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate");

	ContentLogging overriddenBy(ContentLogging request) {
		return new ContentLogging((request.requests != null) ? request.requests : this.requests,
				(request.responses != null) ? request.responses : this.responses);
	}

	/**
	 * Logs the body sent to an endpoint, if switched on.
	 */
	void request(String endpointName, byte[] body) {
		if (Boolean.TRUE.equals(this.requests) && logger.isDebugEnabled()) {
			logger.debug("Request to endpoint {}: {}", endpointName, new String(body, StandardCharsets.UTF_8));
		}
	}

	/**
	 * Logs, if switched on, the whole answer once the chunks complete: its text, finish
	 * reason and tool calls, one line per call rather than one per token.
	 */
	Flux<InferenceChunk> responses(Flux<InferenceChunk> chunks, String endpointName) {
		if (!Boolean.TRUE.equals(this.responses) || !logger.isDebugEnabled()) {
			return chunks;
		}
		return Flux.defer(() -> {
			StringBuilder text = new StringBuilder();
			List<InferenceChunk> last = new ArrayList<>(1);
			return chunks.doOnNext((chunk) -> {
				text.append(chunk.text());
				if (chunk.last()) {
					last.add(chunk);
				}
			}).doOnComplete(() -> {
				InferenceChunk end = last.isEmpty() ? null : last.get(0);
				logger.debug("Answer from endpoint {} (finish reason {}, {} tool calls): {}", endpointName,
						(end != null) ? end.finishReason() : null, (end != null) ? end.toolCalls().size() : 0, text);
			});
		});
	}

}
