package io.github.sagemakerstreaming.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.github.sagemakerstreaming.runtime.ChatMessage;
import io.github.sagemakerstreaming.runtime.InferenceRequest;

import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of {@code POST /api/stream}: what a browser may choose, and nothing else. The
 * endpoint, the system prompt and every other setting are the server's; an unknown field
 * is refused.
 *
 * @param messages the conversation so far, oldest first, user and assistant messages
 * only, ending with the user's
 * @param temperature the sampling temperature, from 0 to {@value #MAX_TEMPERATURE}, or
 * {@code null} for the configured default
 * @param maxTokens the most tokens to generate, from 1 to the server's
 * {@code sample.max-tokens}, or {@code null} for the configured default
 * @param others every other field the browser sent, each refused
 */
record StreamRequest(List<Turn> messages, Double temperature, Integer maxTokens,
		@JsonAnySetter Map<String, Object> others) {

	static final double MAX_TEMPERATURE = 2.0;

	InferenceRequest toInferenceRequest(ChatSettings settings) {
		if (this.others != null && !this.others.isEmpty()) {
			throw badRequest("Unknown fields " + this.others.keySet() + ": a request may set messages, temperature and "
					+ "maxTokens only; the endpoint and every other setting are the server's.");
		}
		InferenceRequest.Builder builder = InferenceRequest.builder().messages(conversation(settings));
		if (this.temperature != null) {
			if (!(this.temperature >= 0 && this.temperature <= MAX_TEMPERATURE)) {
				throw badRequest("The temperature must be from 0 to " + MAX_TEMPERATURE + ".");
			}
			builder.parameter("temperature", this.temperature);
		}
		if (this.maxTokens != null) {
			if (this.maxTokens < 1 || this.maxTokens > settings.maxTokens()) {
				throw badRequest("maxTokens must be from 1 to " + settings.maxTokens() + ".");
			}
			builder.parameter("max_tokens", this.maxTokens);
		}
		return builder.build();
	}

	private List<ChatMessage> conversation(ChatSettings settings) {
		if (this.messages == null || this.messages.isEmpty()) {
			throw badRequest("The conversation is empty.");
		}
		if (this.messages.size() > settings.maxMessages()) {
			throw badRequest("The conversation has " + this.messages.size() + " messages; at most "
					+ settings.maxMessages() + " are accepted. Start a new chat.");
		}
		List<ChatMessage> conversation = new ArrayList<>(this.messages.size() + 1);
		if (StringUtils.hasText(settings.systemPrompt())) {
			conversation.add(ChatMessage.system(settings.systemPrompt()));
		}
		int characters = 0;
		for (Turn turn : this.messages) {
			if (turn == null || turn.content() == null) {
				throw badRequest("Every message needs a role and content.");
			}
			characters += turn.content().length();
			conversation.add(switch (String.valueOf(turn.role())) {
				case "user" -> ChatMessage.user(turn.content());
				case "assistant" -> ChatMessage.assistant(turn.content());
				default -> throw badRequest("A message's role must be user or assistant, not '" + turn.role() + "'.");
			});
		}
		if (characters > settings.maxCharacters()) {
			throw badRequest("The conversation has " + characters + " characters; at most " + settings.maxCharacters()
					+ " are accepted. Start a new chat.");
		}
		Turn last = this.messages.get(this.messages.size() - 1);
		if (!"user".equals(last.role()) || !StringUtils.hasText(last.content())) {
			throw badRequest("The conversation must end with the user's message, and it is empty.");
		}
		return conversation;
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

	/**
	 * One message of the conversation as the browser keeps it.
	 *
	 * @param role {@code user} or {@code assistant}
	 * @param content the text
	 */
	record Turn(String role, String content) {

	}

}
