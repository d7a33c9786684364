package io.github.sagemakerstreaming.sample;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.github.sagemakerstreaming.runtime.InferenceRequest;

import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of {@code POST /api/stream}: what a browser may choose, and nothing else. The endpoint and
 * every other setting are the server's; an unknown field is refused.
 *
 * @param prompt the prompt, required, at most {@value #MAX_PROMPT_LENGTH} characters
 * @param temperature the sampling temperature, from 0 to {@value #MAX_TEMPERATURE}, or {@code null} for the
 * configured default
 * @param maxTokens the most tokens to generate, from 1 to the server's {@code sample.max-tokens}, or
 * {@code null} for the configured default
 * @param others every other field the browser sent, each refused
 */
record StreamRequest(String prompt, Double temperature, Integer maxTokens, @JsonAnySetter Map<String, Object> others) {

	static final int MAX_PROMPT_LENGTH = 8000;

	static final double MAX_TEMPERATURE = 2.0;

	InferenceRequest toInferenceRequest(int maxTokensCap) {
		if (this.others != null && !this.others.isEmpty()) {
			throw badRequest("Unknown fields " + this.others.keySet() + ": a request may set prompt, temperature and "
					+ "maxTokens only; the endpoint and every other setting are the server's.");
		}
		if (!StringUtils.hasText(this.prompt)) {
			throw badRequest("The prompt is empty.");
		}
		if (this.prompt.length() > MAX_PROMPT_LENGTH) {
			throw badRequest("The prompt has " + this.prompt.length() + " characters; at most " + MAX_PROMPT_LENGTH
					+ " are accepted.");
		}
		InferenceRequest.Builder builder = InferenceRequest.builder().prompt(this.prompt);
		if (this.temperature != null) {
			if (!(this.temperature >= 0 && this.temperature <= MAX_TEMPERATURE)) {
				throw badRequest("The temperature must be from 0 to " + MAX_TEMPERATURE + ".");
			}
			builder.parameter("temperature", this.temperature);
		}
		if (this.maxTokens != null) {
			if (this.maxTokens < 1 || this.maxTokens > maxTokensCap) {
				throw badRequest("maxTokens must be from 1 to " + maxTokensCap + ".");
			}
			builder.parameter("max_tokens", this.maxTokens);
		}
		return builder.build();
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

}
